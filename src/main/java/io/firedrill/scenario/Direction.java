package io.firedrill.scenario;

/**
 * Which way a network fault hits a connection, in Toxiproxy's terms: upstream is client to
 * broker, downstream is broker to client.
 */
public enum Direction implements Keyword { UPSTREAM, DOWNSTREAM, BOTH }
