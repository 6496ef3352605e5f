package io.vigil.server.ingest;

import io.micrometer.core.instrument.Counter;
import io.vigil.telemetry.EventCodec;
import io.vigil.telemetry.TelemetryException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.apache.kafka.clients.consumer.CloseOptions;
import org.apache.kafka.clients.consumer.ConsumerRebalanceListener;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One member of a consumer's Kafka consumer group. Offsets are committed only by {@link #commit},
 * i.e. after the handler returned; {@link #rewind} seeks every assigned partition back to its
 * committed offset so a failed batch is delivered again. Partitions revoked in a rebalance drop what
 * was polled and not committed from them: their next owner starts at the committed offset.
 */
final class KafkaSubscription implements TelemetryLog.Subscription {

    private static final Logger LOG = LoggerFactory.getLogger(KafkaSubscription.class);

    private final KafkaConsumer<String, byte[]> consumer;
    private final String name;
    private final Counter undecodable;
    /** The next offset to commit per partition: one past the last record polled. */
    private final Map<TopicPartition, OffsetAndMetadata> pending = new HashMap<>();

    KafkaSubscription(KafkaConsumer<String, byte[]> consumer, String topic, String name, Counter undecodable) {
        this.consumer = consumer;
        this.name = name;
        this.undecodable = undecodable;
        consumer.subscribe(List.of(topic), new ConsumerRebalanceListener() {
            @Override
            public void onPartitionsRevoked(Collection<TopicPartition> partitions) {
                partitions.forEach(pending::remove);
            }

            @Override
            public void onPartitionsAssigned(Collection<TopicPartition> partitions) {
                // The consumer starts at the committed offset (or the earliest kept one): nothing to do.
            }
        });
    }

    @Override
    public List<TelemetryLog.Entry> poll(Duration wait) {
        ConsumerRecords<String, byte[]> records = consumer.poll(wait);
        List<TelemetryLog.Entry> entries = new ArrayList<>(records.count());
        for (ConsumerRecord<String, byte[]> record : records) {
            pending.put(
                    new TopicPartition(record.topic(), record.partition()), new OffsetAndMetadata(record.offset() + 1));
            byte[] value = record.value();
            try {
                if (value == null) {
                    throw new TelemetryException("the record has no value", false);
                }
                entries.add(new TelemetryLog.Entry(record.offset(), EventCodec.decode(value)));
            } catch (TelemetryException e) {
                undecodable.increment();
                LOG.error(
                        "Telemetry log record {}-{}@{} cannot be decoded and is skipped by consumer '{}': {}",
                        record.topic(),
                        record.partition(),
                        record.offset(),
                        name,
                        e.getMessage());
            }
        }
        return entries;
    }

    @Override
    public void commit() {
        if (!pending.isEmpty()) {
            consumer.commitSync(Map.copyOf(pending));
            pending.clear();
        }
    }

    @Override
    public void rewind() {
        pending.clear();
        Set<TopicPartition> assigned = consumer.assignment();
        if (assigned.isEmpty()) {
            return;
        }
        Map<TopicPartition, OffsetAndMetadata> committed = consumer.committed(assigned);
        List<TopicPartition> uncommitted = new ArrayList<>();
        for (TopicPartition partition : assigned) {
            OffsetAndMetadata offset = committed.get(partition);
            if (offset == null) {
                uncommitted.add(partition);
            } else {
                consumer.seek(partition, offset);
            }
        }
        if (!uncommitted.isEmpty()) {
            consumer.seekToBeginning(uncommitted);
        }
    }

    /** Sums end offset minus committed offset over this member's partitions (two broker round trips). */
    @Override
    public long lag() {
        Set<TopicPartition> assigned = consumer.assignment();
        if (assigned.isEmpty()) {
            return 0;
        }
        Map<TopicPartition, Long> ends = consumer.endOffsets(assigned);
        Map<TopicPartition, OffsetAndMetadata> committed = consumer.committed(assigned);
        Map<TopicPartition, Long> beginnings = consumer.beginningOffsets(assigned);
        long lag = 0;
        for (TopicPartition partition : assigned) {
            long end = ends.getOrDefault(partition, 0L);
            OffsetAndMetadata offset = committed.get(partition);
            long from = Math.max(offset == null ? 0 : offset.offset(), beginnings.getOrDefault(partition, 0L));
            lag += Math.max(0, end - from);
        }
        return lag;
    }

    @Override
    public void close() {
        consumer.close(CloseOptions.timeout(Duration.ofSeconds(5)));
    }
}
