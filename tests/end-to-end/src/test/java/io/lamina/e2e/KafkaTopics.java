package io.lamina.e2e;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.common.TopicPartition;

import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.stream.Collectors;

/** End offsets of every Lamina topic: equal snapshots mean nothing was published in between. */
final class KafkaTopics {

    private KafkaTopics() {
    }

    static Map<String, Long> endOffsets(String bootstrap) throws Exception {
        try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap))) {
            Set<String> topics = admin.listTopics().names().get().stream()
                    .filter(t -> t.startsWith("lamina.")).collect(Collectors.toSet());
            Map<TopicPartition, OffsetSpec> request = admin.describeTopics(topics).allTopicNames().get().values()
                    .stream()
                    .flatMap(d -> d.partitions().stream().map(p -> new TopicPartition(d.name(), p.partition())))
                    .collect(Collectors.toMap(tp -> tp, tp -> OffsetSpec.latest()));
            Map<String, Long> offsets = new TreeMap<>();
            admin.listOffsets(request).all().get()
                    .forEach((tp, info) -> offsets.put(tp.toString(), info.offset()));
            return offsets;
        }
    }
}
