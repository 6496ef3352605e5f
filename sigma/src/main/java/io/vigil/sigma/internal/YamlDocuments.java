package io.vigil.sigma.internal;

import io.vigil.sigma.RuleProblem;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;
import org.snakeyaml.engine.v2.api.LoadSettings;
import org.snakeyaml.engine.v2.common.ScalarStyle;
import org.snakeyaml.engine.v2.composer.Composer;
import org.snakeyaml.engine.v2.exceptions.MarkedYamlEngineException;
import org.snakeyaml.engine.v2.exceptions.YamlEngineException;
import org.snakeyaml.engine.v2.nodes.MappingNode;
import org.snakeyaml.engine.v2.nodes.Node;
import org.snakeyaml.engine.v2.nodes.NodeTuple;
import org.snakeyaml.engine.v2.nodes.ScalarNode;
import org.snakeyaml.engine.v2.nodes.SequenceNode;
import org.snakeyaml.engine.v2.parser.ParserImpl;
import org.snakeyaml.engine.v2.scanner.StreamReader;

/** Reads every document of a YAML text into {@link YNode} trees, keeping line numbers. */
public final class YamlDocuments {
    private static final Pattern INTEGER = Pattern.compile("[-+]?(0|[1-9][0-9]*)");

    private YamlDocuments() {}

    /** One parsed document, or {@code null} for an empty one. */
    public record Document(@Nullable YNode root, int line) {}

    /**
     * Parses all documents. Syntax errors are added to {@code problems}; documents before the
     * error are still returned.
     */
    public static List<Document> read(String file, String text, List<RuleProblem> problems) {
        LoadSettings settings = LoadSettings.builder()
                .setLabel(file)
                .setAllowDuplicateKeys(true)
                .setMaxAliasesForCollections(50)
                .setCodePointLimit(64 * 1024 * 1024)
                .build();
        List<Document> docs = new ArrayList<>();
        try {
            Composer composer = new Composer(settings, new ParserImpl(settings, new StreamReader(settings, text)));
            while (composer.hasNext()) {
                Node node = composer.next();
                int line = line(node);
                docs.add(new Document(convert(file, node, problems, 0), line));
            }
        } catch (MarkedYamlEngineException e) {
            int line = e.getProblemMark().map(m -> m.getLine() + 1).orElse(1);
            problems.add(new RuleProblem(file, line, "YAML syntax error: " + firstLine(e.getProblem())));
        } catch (YamlEngineException e) {
            problems.add(new RuleProblem(file, 1, "YAML error: " + firstLine(String.valueOf(e.getMessage()))));
        } catch (StackOverflowError e) {
            // snakeyaml-engine composes nested collections recursively and has no depth limit; a
            // hostile text (tens of thousands of '[') must be a refusal, not a crash of the caller.
            problems.add(new RuleProblem(
                    file, 1, "YAML nesting too deep to read (thousands of levels); a Sigma rule needs fewer than 64"));
        }
        return docs;
    }

    private static String firstLine(String s) {
        int nl = s.indexOf('\n');
        return nl < 0 ? s : s.substring(0, nl);
    }

    private static int line(Node node) {
        return node.getStartMark().map(m -> m.getLine() + 1).orElse(1);
    }

    private static YNode convert(String file, Node node, List<RuleProblem> problems, int depth) {
        if (depth > 64) {
            problems.add(new RuleProblem(file, line(node), "YAML nesting deeper than 64 levels"));
            return new YNode.YScalar(null, line(node));
        }
        return switch (node) {
            case MappingNode map -> convertMap(file, map, problems, depth);
            case SequenceNode seq -> {
                List<YNode> items = new ArrayList<>();
                for (Node item : seq.getValue()) {
                    items.add(convert(file, item, problems, depth + 1));
                }
                yield new YNode.YList(items, line(seq));
            }
            case ScalarNode scalar -> new YNode.YScalar(scalarValue(scalar), line(scalar));
            default -> new YNode.YScalar(null, line(node));
        };
    }

    private static YNode convertMap(String file, MappingNode map, List<RuleProblem> problems, int depth) {
        Map<String, YNode> entries = new LinkedHashMap<>();
        Map<String, Integer> keyLines = new HashMap<>();
        for (NodeTuple tuple : map.getValue()) {
            Node keyNode = tuple.getKeyNode();
            String key = keyNode instanceof ScalarNode s ? s.getValue() : "";
            if (entries.containsKey(key)) {
                problems.add(new RuleProblem(file, line(keyNode), "duplicate key '" + key + "'"));
            }
            entries.put(key, convert(file, tuple.getValueNode(), problems, depth + 1));
            keyLines.put(key, line(keyNode));
        }
        return new YNode.YMap(entries, keyLines, line(map));
    }

    private static @Nullable Object scalarValue(ScalarNode scalar) {
        String v = scalar.getValue();
        if (scalar.getScalarStyle() != ScalarStyle.PLAIN) {
            return v;
        }
        switch (v) {
            case "", "~", "null", "Null", "NULL" -> {
                return null;
            }
            case "true", "True", "TRUE" -> {
                return true;
            }
            case "false", "False", "FALSE" -> {
                return false;
            }
            default -> {
                // fall through to number detection
            }
        }
        if (INTEGER.matcher(v).matches() && v.length() < 19) {
            return Long.parseLong(v.startsWith("+") ? v.substring(1) : v);
        }
        return v;
    }
}
