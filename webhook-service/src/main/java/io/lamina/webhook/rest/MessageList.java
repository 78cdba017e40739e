package io.lamina.webhook.rest;

import java.util.List;

/** {@code {"messages": [...]}} */
public record MessageList(List<MessageView> messages) {
}
