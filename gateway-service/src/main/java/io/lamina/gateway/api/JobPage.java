package io.lamina.gateway.api;

import java.util.List;

/** A page of jobs, newest first; {@code next_cursor} fetches the next page and is absent on the last one. */
public record JobPage(List<JobView> data, String nextCursor) {
}
