package io.lamina.extraction.model.extract;

import io.lamina.extraction.model.parse.Text;

import java.util.ArrayList;
import java.util.List;

/** Splits text into folded word tokens with their character offsets; {@code #}, {@code №} and {@code N°} read as "no". */
final class LineTokens {

    record Token(String text, int start, int end) {
    }

    private LineTokens() {
    }

    static List<Token> tokenize(String text) {
        List<Token> tokens = new ArrayList<>();
        int i = 0;
        while (i < text.length()) {
            char c = text.charAt(i);
            if (c == '#' || c == '№') {
                tokens.add(new Token("no", i, i + 1));
                i++;
            } else if (Character.isLetterOrDigit(c)) {
                int start = i;
                while (i < text.length() && Character.isLetterOrDigit(text.charAt(i))) {
                    i++;
                }
                String folded = Text.fold(text.substring(start, i));
                if ((folded.equals("n") || folded.equals("nr")) && i < text.length() && (text.charAt(i) == '°' || text.charAt(i) == 'º')) {
                    folded = "no";
                    i++;
                }
                tokens.add(new Token(folded, start, i));
            } else {
                i++;
            }
        }
        return tokens;
    }

    /** Equal, or (both at least five letters) one edit apart, as OCR often misreads one letter. */
    static double similarity(String a, String b) {
        if (a.equals(b)) {
            return 1.0;
        }
        if (a.length() >= 5 && b.length() >= 5 && Math.abs(a.length() - b.length()) <= 1 && distance(a, b) <= 1) {
            return 0.9;
        }
        return 0.0;
    }

    private static int distance(String a, String b) {
        int[] prev = new int[b.length() + 1];
        int[] cur = new int[b.length() + 1];
        for (int j = 0; j <= b.length(); j++) {
            prev[j] = j;
        }
        for (int i = 1; i <= a.length(); i++) {
            cur[0] = i;
            for (int j = 1; j <= b.length(); j++) {
                int cost = a.charAt(i - 1) == b.charAt(j - 1) ? 0 : 1;
                cur[j] = Math.min(Math.min(cur[j - 1] + 1, prev[j] + 1), prev[j - 1] + cost);
            }
            int[] t = prev;
            prev = cur;
            cur = t;
        }
        return prev[b.length()];
    }
}
