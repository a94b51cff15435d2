package io.firedrill.replication;

import org.apache.kafka.common.TopicPartition;

import java.util.Comparator;

/** Topic, then partition: stable order for maps that end up in reports. */
enum TopicPartitionOrder implements Comparator<TopicPartition> {
    INSTANCE;

    @Override
    public int compare(TopicPartition a, TopicPartition b) {
        int byTopic = a.topic().compareTo(b.topic());
        return byTopic != 0 ? byTopic : Integer.compare(a.partition(), b.partition());
    }
}
