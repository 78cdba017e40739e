package io.lamina.extraction.read;

import io.lamina.extraction.ExtractionErrors;
import io.lamina.extraction.model.layout.DocumentLayout;
import jakarta.mail.Address;
import jakarta.mail.BodyPart;
import jakarta.mail.MessagingException;
import jakarta.mail.Multipart;
import jakarta.mail.Part;
import jakarta.mail.Session;
import jakarta.mail.internet.MimeMessage;
import jakarta.mail.internet.MimeUtility;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.text.SimpleDateFormat;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Properties;
import java.util.TimeZone;

/**
 * E-mail (RFC 822 / MIME) with Angus Mail: the headers (From, To, Cc, Date, Subject) as a small table, the body
 * (the plain-text part, else the HTML part through {@link HtmlMarkdown}), then each attachment read through the
 * same readers as a top-level file, under {@code max-attachments} and {@code max-nesting}.
 */
final class EmlReader {

    /** Reads an attachment (name, bytes) one level deeper. */
    interface AttachmentReader {
        DocumentLayout read(String name, byte[] bytes);
    }

    record Parsed(String bodyMarkdown, List<DocumentLayout> attachments, List<String> skipped) {
    }

    private EmlReader() {
    }

    static Parsed read(byte[] bytes, ReadBudget budget, AttachmentReader attachments) {
        try {
            MimeMessage message = new MimeMessage(Session.getInstance(new Properties()),
                    new ByteArrayInputStream(bytes));
            StringBuilder md = new StringBuilder();
            List<List<String>> headers = new ArrayList<>();
            headers.add(List.of("Header", "Value"));
            header(headers, "From", message.getFrom());
            header(headers, "To", message.getRecipients(jakarta.mail.Message.RecipientType.TO));
            header(headers, "Cc", message.getRecipients(jakarta.mail.Message.RecipientType.CC));
            if (message.getSentDate() != null) {
                SimpleDateFormat iso = new SimpleDateFormat("yyyy-MM-dd'T'HH:mm:ssXXX", Locale.ROOT);
                iso.setTimeZone(TimeZone.getTimeZone("UTC"));
                headers.add(List.of("Date", iso.format(message.getSentDate())));
            }
            String subject = message.getSubject();
            if (subject != null) {
                headers.add(List.of("Subject", subject));
            }
            md.append("# ").append(subject == null || subject.isBlank() ? "E-mail" : subject.strip()).append("\n\n");
            md.append(Markdown.table(headers)).append('\n');
            Walk walk = new Walk(budget);
            walk.part(message, 0);
            String body = walk.plain != null ? walk.plain
                    : walk.html != null ? HtmlMarkdown.convert(walk.html, null).markdown() : "";
            md.append(body.replace("\r\n", "\n").strip()).append('\n');
            List<DocumentLayout> read = new ArrayList<>();
            List<String> skipped = new ArrayList<>();
            for (Attachment a : walk.attachments) {
                if (read.size() >= budget.limits().maxAttachments()) {
                    skipped.add(a.name() + " (more than " + budget.limits().maxAttachments() + " attachments)");
                    continue;
                }
                read.add(attachments.read(a.name(), a.bytes()));
            }
            return new Parsed(md.toString(), read, skipped);
        } catch (MessagingException | IOException e) {
            throw ExtractionErrors.fail(ExtractionErrors.MALFORMED_DOCUMENT, "not a readable e-mail: " + e.getMessage());
        }
    }

    private static void header(List<List<String>> rows, String name, Address[] addresses) {
        if (addresses == null || addresses.length == 0) {
            return;
        }
        List<String> values = new ArrayList<>();
        for (Address a : addresses) {
            values.add(a.toString());
        }
        rows.add(List.of(name, String.join(", ", values)));
    }

    private record Attachment(String name, byte[] bytes) {
    }

    private static final class Walk {
        final ReadBudget budget;
        String plain;
        String html;
        final List<Attachment> attachments = new ArrayList<>();

        Walk(ReadBudget budget) {
            this.budget = budget;
        }

        void part(Part part, int depth) throws MessagingException, IOException {
            budget.check();
            if (depth > 20) {
                throw ExtractionErrors.fail(ExtractionErrors.MALFORMED_DOCUMENT, "the e-mail's parts nest too deep");
            }
            String fileName = part.getFileName();
            if (fileName != null) {
                try {
                    fileName = MimeUtility.decodeText(fileName);
                } catch (IOException ignored) {
                    // keep the raw name
                }
            }
            boolean attachment = Part.ATTACHMENT.equalsIgnoreCase(part.getDisposition()) || fileName != null;
            if (part.isMimeType("multipart/*") && !attachment) {
                Object content = part.getContent();
                if (content instanceof Multipart mp) {
                    for (int i = 0; i < mp.getCount(); i++) {
                        BodyPart child = mp.getBodyPart(i);
                        part(child, depth + 1);
                    }
                }
                return;
            }
            if (!attachment && part.isMimeType("text/plain") && plain == null) {
                plain = text(part);
                return;
            }
            if (!attachment && part.isMimeType("text/html") && html == null) {
                html = text(part);
                return;
            }
            if (attachment || part.isMimeType("message/rfc822")) {
                byte[] data = bytes(part);
                String name = fileName != null ? fileName
                        : part.isMimeType("message/rfc822") ? "attached.eml" : "attachment-" + (attachments.size() + 1);
                attachments.add(new Attachment(name, data));
            }
        }

        private byte[] bytes(Part part) throws MessagingException, IOException {
            long limit = budget.limits().maxFileBytes();
            try (InputStream in = part.getInputStream()) {
                byte[] data = in.readNBytes((int) Math.min(Integer.MAX_VALUE - 8, limit + 1));
                if (data.length > limit) {
                    throw ExtractionErrors.fail(ExtractionErrors.LIMIT_EXCEEDED, "an attachment is larger than "
                            + limit + " bytes (lamina.extraction.max-file-bytes)");
                }
                return data;
            }
        }

        private String text(Part part) throws MessagingException, IOException {
            Object content = part.getContent();
            if (content instanceof String s) {
                budget.checkText(s.length());
                return s;
            }
            return new String(bytes(part), StandardCharsets.UTF_8);
        }
    }
}
