package io.lamina.webhook;

import jakarta.persistence.AttributeConverter;
import jakarta.persistence.Converter;

import java.util.Locale;

/** Life of a delivery (a message on its way to one destination); stored and shown in lower case. */
public enum MessageStatus {
    /** Waiting for its next attempt (or being attempted right now under a lease). */
    PENDING,
    /** An attempt got a 2xx answer. */
    DELIVERED,
    /** Given up: the retry schedule ran out, the endpoint answered 410 Gone, or the URL is unsafe. */
    FAILED,
    /** Dropped without (further) trying: its endpoint was disabled or deleted. A replay can revive it. */
    DEAD;

    public String wire() {
        return name().toLowerCase(Locale.ROOT);
    }

    @Converter(autoApply = true)
    public static class DbConverter implements AttributeConverter<MessageStatus, String> {
        @Override
        public String convertToDatabaseColumn(MessageStatus status) {
            return status == null ? null : status.wire();
        }

        @Override
        public MessageStatus convertToEntityAttribute(String value) {
            return value == null ? null : MessageStatus.valueOf(value.toUpperCase(Locale.ROOT));
        }
    }
}
