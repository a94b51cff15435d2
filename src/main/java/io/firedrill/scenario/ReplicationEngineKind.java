package io.firedrill.scenario;

/** What copies the primary's data to the backup; v1 knows one engine. */
public enum ReplicationEngineKind implements Keyword { MIRRORMAKER2 }
