package io.firedrill.scenario;

/** How bad it is when this drill fails; shown in Allure. */
public enum Severity implements Keyword { BLOCKER, CRITICAL, NORMAL, MINOR }
