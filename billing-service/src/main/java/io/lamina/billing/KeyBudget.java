package io.lamina.billing;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.IdClass;
import jakarta.persistence.Table;

import java.io.Serializable;
import java.time.Instant;
import java.util.List;
import java.util.Objects;

/** At most {@code creditLimit} credits per {@code period} (UTC day or month) for the jobs of one API key. */
@Entity
@Table(name = "key_budgets")
@IdClass(KeyBudget.Key.class)
public class KeyBudget extends PanacheEntityBase {

    @Id
    public String apiKeyId;

    @Id
    public String period;

    public String tenantId;

    public long creditLimit;

    public Instant updatedAt;

    public static List<KeyBudget> ofKey(String tenantId, String apiKeyId) {
        return list("tenantId = ?1 and apiKeyId = ?2", tenantId, apiKeyId);
    }

    public static List<KeyBudget> ofTenant(String tenantId) {
        return list("tenantId = ?1 order by apiKeyId, period", tenantId);
    }

    public static KeyBudget find(String apiKeyId, String period) {
        return findById(new Key(apiKeyId, period));
    }

    public static class Key implements Serializable {

        public String apiKeyId;
        public String period;

        public Key() {
        }

        public Key(String apiKeyId, String period) {
            this.apiKeyId = apiKeyId;
            this.period = period;
        }

        @Override
        public boolean equals(Object o) {
            return o instanceof Key k && Objects.equals(apiKeyId, k.apiKeyId) && Objects.equals(period, k.period);
        }

        @Override
        public int hashCode() {
            return Objects.hash(apiKeyId, period);
        }
    }
}
