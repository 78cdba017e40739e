package io.lamina.extraction.model.extract;

import io.lamina.extraction.model.parse.Text;
import io.lamina.extraction.model.schema.FieldSpec;
import io.lamina.extraction.model.schema.FieldType;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The labels a field's value may stand next to: its own name in words ({@code invoice_number} → "invoice number"),
 * and the English, German and French wordings of the concept its name (or else its description) names. Single
 * generic words ("No.", "Nr.", "#") count as weak labels.
 */
public final class Labels {

    /** A label: its folded tokens and how much a match says (1.0 a specific phrase, less for generic words). */
    public record Label(List<String> tokens, double weight) {
    }

    private record Concept(String name, List<String> phrases, List<String> weak, boolean itemOnly) {
    }

    /** The field types a concept's values have; a concept named in a field's name counts fully only for these. */
    private static final Map<String, java.util.Set<FieldType>> TYPES = new java.util.HashMap<>();

    static {
        java.util.Set<FieldType> id = java.util.EnumSet.of(FieldType.TEXT, FieldType.INTEGER);
        java.util.Set<FieldType> date = java.util.EnumSet.of(FieldType.DATE, FieldType.DATETIME);
        java.util.Set<FieldType> money = java.util.EnumSet.of(FieldType.CURRENCY_AMOUNT, FieldType.DECIMAL, FieldType.INTEGER);
        java.util.Set<FieldType> text = java.util.EnumSet.of(FieldType.TEXT, FieldType.TEXTAREA);
        for (String c : List.of("invoice number", "receipt number", "order number", "customer number", "vat id", "bic", "phone")) {
            TYPES.put(c, id);
        }
        for (String c : List.of("due date", "delivery date", "birth date", "invoice date")) {
            TYPES.put(c, date);
        }
        for (String c : List.of("subtotal", "tax", "total")) {
            TYPES.put(c, money);
        }
        TYPES.put("tax rate", java.util.EnumSet.of(FieldType.DECIMAL, FieldType.INTEGER));
        TYPES.put("currency", java.util.EnumSet.of(FieldType.CURRENCY_CODE));
        TYPES.put("iban", java.util.EnumSet.of(FieldType.IBAN, FieldType.TEXT));
        TYPES.put("email", java.util.EnumSet.of(FieldType.EMAIL));
        TYPES.put("payment method", java.util.EnumSet.of(FieldType.TEXT, FieldType.ENUM));
        for (String c : List.of("vendor", "customer", "name", "first name", "last name")) {
            TYPES.put(c, text);
        }
        TYPES.put("address", java.util.EnumSet.of(FieldType.ADDRESS, FieldType.TEXTAREA, FieldType.TEXT));
        TYPES.put("country", java.util.EnumSet.of(FieldType.COUNTRY));
        TYPES.put("time", java.util.EnumSet.of(FieldType.TIME));
        TYPES.put("paid", java.util.EnumSet.of(FieldType.BOOLEAN));
    }

    private static boolean fits(Concept c, FieldSpec field) {
        return c.itemOnly() || !TYPES.containsKey(c.name()) || TYPES.get(c.name()).contains(field.type());
    }

    private static final List<Concept> CONCEPTS = new ArrayList<>();

    private static void concept(String name, String phrases, String weak) {
        CONCEPTS.add(new Concept(name, List.of(phrases.split("\\|")), weak.isEmpty() ? List.of() : List.of(weak.split("\\|")), false));
    }

    private static void item(String name, String phrases) {
        CONCEPTS.add(new Concept(name, List.of(phrases.split("\\|")), List.of(), true));
    }

    static {
        concept("invoice number", "invoice number|invoice no|invoice #|invoice id|invoice nr|inv no|bill number|bill no|"
                + "document number|document no|rechnungsnummer|rechnungs nr|rechnung nr|rechnungsnr|re nr|belegnummer|"
                + "numero de facture|facture no|no de facture|no facture|reference|invoice", "no|nr|number|nummer|#");
        concept("receipt number", "receipt number|receipt no|receipt #|receipt id|transaction no|transaction number|"
                + "transaction id|bon nr|bonnummer|belegnr|beleg nr|quittungsnummer|ticket no|ticket number|receipt", "no|nr|#");
        concept("order number", "order number|order no|order #|order id|po number|po no|purchase order|bestellnummer|"
                + "bestell nr|auftragsnummer|auftrags nr|numero de commande|commande no", "");
        concept("customer number", "customer number|customer no|customer id|customer #|account number|account no|"
                + "client number|client no|kundennummer|kunden nr|kundennr|numero client|no client", "");
        concept("due date", "due date|payment due|due on|due by|pay by|payable by|fallig am|falligkeitsdatum|"
                + "faellig am|zahlbar bis|zahlungsziel|date d echeance|echeance|a payer avant le", "");
        concept("delivery date", "delivery date|service date|date of service|date of delivery|shipping date|"
                + "leistungsdatum|lieferdatum|leistungszeitraum|date de livraison", "");
        concept("birth date", "date of birth|birth date|birthdate|dob|born|geburtsdatum|geboren am|date de naissance", "");
        concept("invoice date", "invoice date|date of issue|issue date|issued on|date issued|billing date|"
                + "rechnungsdatum|ausstellungsdatum|belegdatum|date de facture|date d emission|date de la facture|date|"
                + "datum|dated|purchase date|receipt date|transaction date|kaufdatum", "");
        concept("subtotal", "subtotal|sub total|net amount|net total|total net|total excl vat|total excluding vat|"
                + "total excl tax|total before tax|amount before tax|zwischensumme|nettobetrag|netto|summe netto|"
                + "gesamt netto|nettosumme|total ht|montant ht|sous total|sous-total", "");
        concept("tax rate", "tax rate|vat rate|vat %|tax %|steuersatz|mwst satz|ust satz|taux de tva|taux tva", "");
        concept("tax", "tax amount|vat amount|sales tax|tax|vat|gst|mwst|mehrwertsteuer|ust|umsatzsteuer|"
                + "montant tva|tva|plus 19 mwst|zzgl mwst|incl vat|inkl mwst", "");
        concept("total", "total amount|grand total|amount due|total due|balance due|total to pay|amount payable|"
                + "total payable|total incl vat|total including vat|total|gesamtbetrag|gesamtsumme|rechnungsbetrag|"
                + "endbetrag|zu zahlen|zahlbetrag|bruttobetrag|gesamt brutto|summe brutto|gesamt|summe|brutto|"
                + "total ttc|montant total|montant ttc|net a payer|a payer", "");
        concept("currency", "currency|wahrung|devise|monnaie", "");
        concept("iban", "iban|bank account|account iban|konto iban|kontonummer|compte bancaire|rib", "konto|account");
        concept("bic", "bic|swift|bic swift|swift code|swift bic", "");
        concept("vat id", "vat id|vat no|vat number|vat reg no|tax id|tax number|ust idnr|ust id|ust id nr|"
                + "umsatzsteuer id|steuernummer|steuer nr|no tva|tva intracommunautaire|numero de tva|siret", "");
        concept("email", "email|e mail|email address|e mail address|mail|e mail adresse|courriel|adresse e mail", "");
        concept("phone", "phone|phone number|tel|telephone|telefon|telefonnummer|mobile|handy|portable", "");
        concept("payment method", "payment method|paid by|payment type|paid with|payment|zahlungsart|zahlungsmethode|"
                + "bezahlt mit|zahlweise|mode de paiement|moyen de paiement|paye par", "");
        concept("vendor", "vendor|supplier|seller|issued by|merchant|store|shop|company|lieferant|verkaufer|"
                + "absender|anbieter|haendler|handler|fournisseur|vendeur|emetteur|from", "");
        concept("customer", "customer|bill to|billed to|invoice to|sold to|client|buyer|recipient|customer name|"
                + "kunde|rechnungsempfanger|empfanger|kaufer|auftraggeber|rechnung an|facture a|destinataire|acheteur", "");
        concept("address", "address|billing address|shipping address|postal address|street address|adresse|anschrift|"
                + "rechnungsadresse|lieferadresse|adresse de facturation|domicile|wohnort", "");
        concept("first name", "first name|given name|forename|vorname|prenom", "");
        concept("last name", "last name|surname|family name|nachname|familienname|nom de famille", "");
        concept("name", "full name|name|vor und nachname|nom|nom complet|applicant|antragsteller", "");
        concept("country", "country|land|pays|nationality|staatsangehorigkeit|nationalite|country of residence", "");
        concept("time", "time|uhrzeit|zeit|heure", "");
        concept("paid", "paid|bezahlt|paye|payment received|zahlung erhalten", "");
        item("item description", "description|item|items|article|product|service|details|designation|bezeichnung|"
                + "beschreibung|artikel|leistung|produkt|libelle|position description|item description");
        item("quantity", "quantity|qty|qte|quantite|menge|anzahl|stk|units|pcs|stuck");
        item("unit price", "unit price|price|rate|price per unit|unit cost|each|einzelpreis|preis|e preis|"
                + "stuckpreis|prix unitaire|pu|prix|ep");
        item("line amount", "amount|line total|total|net|gesamtpreis|gesamt|betrag|montant|total ht|summe|sum|price total");
        item("item position", "pos|position|line|no|nr|#");
    }

    private Labels() {
    }

    /**
     * The labels of {@code field}; {@code inItem}: the field is an item field of an ARRAY (a table column). Every
     * concept a phrase of which occurs in the field's name contributes its wordings (fully when the concept's values
     * have the field's type, at 0.85 otherwise); with none, the best concept found in the description does.
     */
    public static List<Label> of(FieldSpec field, boolean inItem) {
        String key = field.name() + "\u0000" + field.type() + "\u0000" + field.descriptionOrEmpty() + "\u0000" + inItem;
        List<Label> cached = CACHE.get(key);
        if (cached == null) {
            cached = compute(field, inItem);
            if (CACHE.size() > 10_000) {
                CACHE.clear();
            }
            CACHE.put(key, cached);
        }
        return cached;
    }

    private static final java.util.concurrent.ConcurrentHashMap<String, List<Label>> CACHE = new java.util.concurrent.ConcurrentHashMap<>();
    private static final java.util.concurrent.ConcurrentHashMap<String, String> TOKENS = new java.util.concurrent.ConcurrentHashMap<>();

    private static String joined(String phrase) {
        return TOKENS.computeIfAbsent(phrase, p -> String.join(" ", tokens(p)));
    }

    private static List<Label> compute(FieldSpec field, boolean inItem) {
        Map<String, Label> labels = new LinkedHashMap<>();
        String name = nameWords(field);
        add(labels, name, 1.0);
        List<Concept> concepts = conceptsIn(name, field, inItem);
        if (concepts.isEmpty()) {
            Concept c = bestIn(Text.words(field.descriptionOrEmpty()), field, inItem);
            if (c != null) {
                concepts = List.of(c);
            }
        }
        for (Concept concept : concepts) {
            double weight = fits(concept, field) ? 1.0 : 0.85;
            for (String phrase : concept.phrases()) {
                add(labels, phrase, weight);
            }
            for (String phrase : concept.weak()) {
                add(labels, phrase, 0.7 * weight);
            }
        }
        return List.copyOf(labels.values());
    }

    /** The concept a field stands for ("invoice date", "total", …), if any: used for fallbacks. */
    public static String conceptName(FieldSpec field, boolean inItem) {
        Concept c = bestIn(nameWords(field), field, inItem);
        if (c == null) {
            c = bestIn(Text.words(field.descriptionOrEmpty()), field, inItem);
        }
        return c == null ? null : c.name();
    }

    private static String nameWords(FieldSpec field) {
        return Text.words(field.name().replaceAll("([a-z])([A-Z])", "$1 $2").replace('_', ' '));
    }

    private static void add(Map<String, Label> labels, String phrase, double weight) {
        List<String> tokens = tokens(phrase);
        if (!tokens.isEmpty()) {
            labels.putIfAbsent(String.join(" ", tokens), new Label(tokens, weight));
        }
    }

    static List<String> tokens(String phrase) {
        List<String> out = new ArrayList<>();
        for (LineTokens.Token t : LineTokens.tokenize(phrase)) {
            out.add(t.text());
        }
        return out;
    }

    private static boolean eligible(Concept c, boolean inItem) {
        return inItem || !c.itemOnly();
    }

    private static List<Concept> conceptsIn(String words, FieldSpec field, boolean inItem) {
        String padded = " " + words + " ";
        Map<Concept, List<String>> matched = new LinkedHashMap<>();
        for (Concept c : CONCEPTS) {
            if (!eligible(c, inItem)) {
                continue;
            }
            for (String phrase : c.phrases()) {
                String p = joined(phrase);
                if (padded.contains(" " + p + " ")) {
                    matched.computeIfAbsent(c, k -> new ArrayList<>()).add(p);
                }
            }
        }
        List<Concept> found = new ArrayList<>();
        for (Map.Entry<Concept, List<String>> e : matched.entrySet()) {
            boolean covered = true;
            for (String p : e.getValue()) {
                boolean inside = false;
                for (Map.Entry<Concept, List<String>> o : matched.entrySet()) {
                    if (o.getKey() == e.getKey()) {
                        continue;
                    }
                    for (String q : o.getValue()) {
                        inside |= q.length() > p.length() && (" " + q + " ").contains(" " + p + " ");
                    }
                }
                covered &= inside;
            }
            if (!covered) {
                found.add(e.getKey());
            }
        }
        if (inItem) {
            found.sort((a, b) -> Boolean.compare(b.itemOnly(), a.itemOnly()));
        }
        return found;
    }

    /** The concept with a fitting type first, then the longest phrase found in {@code words}. */
    private static Concept bestIn(String words, FieldSpec field, boolean inItem) {
        Concept best = null;
        int bestScore = 0;
        String padded = " " + words + " ";
        for (Concept c : CONCEPTS) {
            if (!eligible(c, inItem) || words.isEmpty()) {
                continue;
            }
            for (String phrase : c.phrases()) {
                String p = joined(phrase);
                if (padded.contains(" " + p + " ")) {
                    int score = (fits(c, field) ? 1000 : 0) + (c.itemOnly() && inItem ? 500 : 0) + p.length();
                    if (score > bestScore) {
                        best = c;
                        bestScore = score;
                    }
                }
            }
        }
        return best;
    }
}
