package io.firedrill.replication;

import java.util.List;

/**
 * What failover did.
 *
 * @param groups        per group, its resume offsets on the backup and translation gap
 * @param routes        where each topic's clients go on the backup
 * @param createdTopics the backup's own topics created for the prefixed policy
 * @param fenceMs       to kill the forward MirrorMaker
 * @param offsetsMs     from the start until every group's offsets were committed on the backup:
 *                      the groups can consume from then on
 */
public record FailoverResult(List<GroupResume> groups, List<ClientRoute> routes, List<String> createdTopics,
                             long fenceMs, long offsetsMs) {

    public FailoverResult {
        groups = List.copyOf(groups);
        routes = List.copyOf(routes);
        createdTopics = List.copyOf(createdTopics);
    }

    /** Sum of the groups' translation gaps; null when none could be measured. */
    public Long translationGapRecords() {
        return groups.stream().map(GroupResume::translationGapRecords).filter(java.util.Objects::nonNull)
                .reduce(Long::sum).orElse(null);
    }
}
