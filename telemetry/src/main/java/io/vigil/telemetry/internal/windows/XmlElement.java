package io.vigil.telemetry.internal.windows;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/** A minimal, mutable XML element: name, attributes, child elements and concatenated text. */
public final class XmlElement {
    private final String name;
    private final Map<String, String> attributes = new LinkedHashMap<>();
    private final List<XmlElement> children = new ArrayList<>();
    private final StringBuilder text = new StringBuilder();

    /**
     * Creates an empty element.
     *
     * @param name the local name (namespace prefixes are dropped by the readers)
     */
    public XmlElement(String name) {
        this.name = name;
    }

    /** {@return the element name} */
    public String name() {
        return name;
    }

    /** {@return the attributes, in document order (unmodifiable view)} */
    public Map<String, String> attributes() {
        return Collections.unmodifiableMap(attributes);
    }

    /** {@return the child elements, in document order (unmodifiable view)} */
    public List<XmlElement> children() {
        return Collections.unmodifiableList(children);
    }

    /** {@return the concatenated text content of this element (not of its children)} */
    public String text() {
        return text.toString();
    }

    /**
     * Sets an attribute.
     *
     * @param key the attribute name
     * @param value its value
     */
    public void attribute(String key, String value) {
        attributes.put(key, value);
    }

    /**
     * Appends a child element.
     *
     * @param child the child
     */
    public void add(XmlElement child) {
        children.add(child);
    }

    /**
     * Appends text content.
     *
     * @param value the text
     */
    public void appendText(String value) {
        text.append(value);
    }

    /**
     * Finds the first child with a name.
     *
     * @param childName the name
     * @return the child, or {@code null}
     */
    public @Nullable XmlElement child(String childName) {
        for (XmlElement child : children) {
            if (child.name.equals(childName)) {
                return child;
            }
        }
        return null;
    }

    /**
     * Renders this element as XML text (the form the event log tools show).
     *
     * @return the XML
     */
    public String toXml() {
        StringBuilder out = new StringBuilder(256);
        render(out);
        return out.toString();
    }

    private void render(StringBuilder out) {
        out.append('<').append(name);
        attributes.forEach((key, value) -> {
            out.append(' ').append(key).append("=\"");
            escape(value, out, true);
            out.append('"');
        });
        if (children.isEmpty() && text.isEmpty()) {
            out.append("/>");
            return;
        }
        out.append('>');
        escape(text, out, false);
        for (XmlElement child : children) {
            child.render(out);
        }
        out.append("</").append(name).append('>');
    }

    private static void escape(CharSequence value, StringBuilder out, boolean attribute) {
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            switch (c) {
                case '<' -> out.append("&lt;");
                case '>' -> out.append("&gt;");
                case '&' -> out.append("&amp;");
                case '"' -> out.append(attribute ? "&quot;" : "\"");
                case '\r' -> out.append("&#13;");
                case '\n' -> out.append(attribute ? "&#10;" : "\n");
                case '\t' -> out.append(attribute ? "&#9;" : "\t");
                default -> out.append(c);
            }
        }
    }
}
