package io.firedrill.scenario;

/**
 * What an application under drill does to each record, so the harness knows what output to expect
 * for each input. Only {@code identity} exists yet: every input record comes out unchanged (key and
 * value), which is what lets the checker trace output back to input without the application's help.
 */
public enum ApplicationPolicy implements Keyword { IDENTITY }
