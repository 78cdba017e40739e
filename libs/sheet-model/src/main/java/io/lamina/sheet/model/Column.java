package io.lamina.sheet.model;

/** A column: its header text, and its width in Excel character units ({@code null}: Excel's default). */
public record Column(String name, Double width) {
}
