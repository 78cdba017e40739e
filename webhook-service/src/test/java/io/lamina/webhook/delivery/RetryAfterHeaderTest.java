package io.lamina.webhook.delivery;

import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.Optional;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class RetryAfterHeaderTest {

    @Test
    void readsDelaySeconds() {
        assertEquals(Optional.of(Duration.ofSeconds(120)), WebhookSender.parseRetryAfter(" 120 "));
    }

    @Test
    void readsAnHttpDate() {
        String inAMinute = DateTimeFormatter.RFC_1123_DATE_TIME.format(ZonedDateTime.now(ZoneOffset.UTC).plusSeconds(60));
        Duration d = WebhookSender.parseRetryAfter(inAMinute).orElseThrow();
        assertTrue(d.compareTo(Duration.ofSeconds(55)) > 0 && d.compareTo(Duration.ofSeconds(61)) <= 0, d.toString());
    }

    @Test
    void ignoresGarbageAndNegativeValues() {
        assertEquals(Optional.empty(), WebhookSender.parseRetryAfter("soon"));
        assertEquals(Optional.empty(), WebhookSender.parseRetryAfter("-5"));
    }
}
