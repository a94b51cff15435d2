/**
 * Replication and disaster recovery between a primary and a backup cluster: MirrorMaker 2 as
 * its own process, replication health, disaster detection, failover offsets, restore (from the
 * backup or from backup storage) and failback.
 *
 * <h2>The sequence a drill runs</h2>
 * <pre>{@code
 * ReplicationFlow flow = ReplicationFlow.between(primaryLink, backupLink)        // replication-link proxies
 *         .withTopics(".*").withGroups(".*").withPolicy(IDENTITY).withReplicationFactors(rf, internalRf);
 * MirrorMaker forward = MirrorMaker.start(flow);                                  // replication
 * ReplicationMonitor monitor = ReplicationMonitor.watch(forward, primary, backup) // DIRECT listeners
 *         .startSampling(Duration.ofMillis(500));                                 // await: replication-healthy
 * DisasterDetector detector = DisasterDetector.forPrimary(clientsToPrimary, props);
 * BackupStorage storage = new BackupStorage(dir);  storage.snapshot(cluster, topics, groups);   // backup step
 *
 * detector.awaitDisaster(timeout);                                                // await: disaster-detected
 * FailoverResult failover = Failover.run(forward, monitor, topics, groups, sources); // consumers stopped first
 *   // clients: producers to route.produceTo(), groups read route.consumeFrom() on the backup
 *
 * primary.rebuildEmpty();
 * ReverseReplication restore = ReverseReplication.restore(plan, backupLink, primaryLink, rf, backup, primary, t);
 *   // or: RestoreResult r = storage.restore(storage.latest().get(), primary, plan);   // await: restore-complete
 *
 *   // clients: stop producing to the backup, stop the groups there
 * FailbackResult back = Failback.afterReverseReplication(restore, flow, primary, backup, groups, t);
 *   // or after a storage restore: Failback.afterStorageRestore(flow, primary, backup)
 *   // clients: back to the primary (original topic names); back.forward() is the new forward flow
 * }</pre>
 */
package io.firedrill.replication;
