package io.lamina.extraction.web;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * robots.txt (RFC 9309): the group whose {@code user-agent} names our product token (case-insensitive), else the
 * {@code *} group; the longest matching {@code allow}/{@code disallow} rule wins, {@code allow} on a tie; {@code *}
 * matches any run of characters and a final {@code $} anchors the end. No group, no rules: everything is allowed.
 */
public final class RobotsRules {

    private record Rule(boolean allow, String pattern) {
    }

    private final List<Rule> rules;

    private RobotsRules(List<Rule> rules) {
        this.rules = rules;
    }

    public static RobotsRules allowAll() {
        return new RobotsRules(List.of());
    }

    public static RobotsRules disallowAll() {
        return new RobotsRules(List.of(new Rule(false, "/")));
    }

    public static RobotsRules parse(String text, String productToken) {
        String token = productToken.toLowerCase(Locale.ROOT);
        List<Rule> mine = new ArrayList<>();
        List<Rule> star = new ArrayList<>();
        boolean matchedMine = false;
        List<String> agents = new ArrayList<>();
        List<Rule> current = new ArrayList<>();
        boolean inRules = false;
        List<List<Object>> groups = new ArrayList<>();
        for (String raw : text.split("\r\n|\r|\n")) {
            int hash = raw.indexOf('#');
            String line = (hash >= 0 ? raw.substring(0, hash) : raw).strip();
            int colon = line.indexOf(':');
            if (colon <= 0) {
                continue;
            }
            String key = line.substring(0, colon).strip().toLowerCase(Locale.ROOT);
            String value = line.substring(colon + 1).strip();
            if (key.equals("user-agent")) {
                if (inRules) {
                    groups.add(List.of(agents, current));
                    agents = new ArrayList<>();
                    current = new ArrayList<>();
                    inRules = false;
                }
                agents.add(value.toLowerCase(Locale.ROOT));
            } else if (key.equals("allow") || key.equals("disallow")) {
                inRules = true;
                if (!value.isEmpty()) {
                    current.add(new Rule(key.equals("allow"), value));
                }
            }
        }
        if (!agents.isEmpty()) {
            groups.add(List.of(agents, current));
        }
        for (List<Object> g : groups) {
            @SuppressWarnings("unchecked") List<String> names = (List<String>) g.get(0);
            @SuppressWarnings("unchecked") List<Rule> rs = (List<Rule>) g.get(1);
            for (String n : names) {
                if (!n.equals("*") && token.startsWith(n.replace("*", ""))) {
                    mine.addAll(rs);
                    matchedMine = true;
                } else if (n.equals("*")) {
                    star.addAll(rs);
                }
            }
        }
        return new RobotsRules(List.copyOf(matchedMine ? mine : star));
    }

    /** Whether the path (with its query) may be fetched. */
    public boolean allows(String pathAndQuery) {
        String path = pathAndQuery == null || pathAndQuery.isEmpty() ? "/" : pathAndQuery;
        Rule best = null;
        for (Rule r : rules) {
            if (matches(r.pattern(), path)) {
                if (best == null || r.pattern().length() > best.pattern().length()
                        || (r.pattern().length() == best.pattern().length() && r.allow())) {
                    best = r;
                }
            }
        }
        return best == null || best.allow();
    }

    static boolean matches(String pattern, String path) {
        boolean anchored = pattern.endsWith("$");
        String p = anchored ? pattern.substring(0, pattern.length() - 1) : pattern;
        return match(p, 0, path, 0, anchored);
    }

    private static boolean match(String p, int pi, String s, int si, boolean anchored) {
        while (pi < p.length()) {
            char c = p.charAt(pi);
            if (c == '*') {
                for (int k = si; k <= s.length(); k++) {
                    if (match(p, pi + 1, s, k, anchored)) {
                        return true;
                    }
                }
                return false;
            }
            if (si >= s.length() || s.charAt(si) != c) {
                return false;
            }
            pi++;
            si++;
        }
        return !anchored || si == s.length();
    }
}
