package io.vigil.server.triage;

import java.time.format.DateTimeFormatter;
import java.util.List;

/**
 * Writes a candidate's description in Markdown from its {@link Story}: summary, process chains with
 * command lines, files created, commands run, users with SIDs, hosts, alerts. Analysts edit it in
 * the incident afterwards.
 *
 * <p><b>Untrusted values</b> (images, command lines, paths, user and host names) are written as
 * Markdown code spans, fenced with more backticks than the value contains, so no value can start
 * Markdown or HTML ({@code <script>} stays text); line breaks in values become spaces.
 */
public final class DescriptionWriter {

    private DescriptionWriter() {}

    /** The description. */
    public static String write(Story s) {
        StringBuilder md = new StringBuilder();
        md.append("**What happened:** ")
                .append(s.alerts().size())
                .append(" rule(s) fired on ")
                .append(s.hosts().size())
                .append(" host(s) (")
                .append(join(s.hosts()))
                .append(") between ")
                .append(DateTimeFormatter.ISO_INSTANT.format(s.first()))
                .append(" and ")
                .append(DateTimeFormatter.ISO_INSTANT.format(s.last()))
                .append(".");
        if (!s.tactics().isEmpty()) {
            md.append(" ATT&CK tactics: ")
                    .append(String.join(
                            ", ",
                            s.tactics().stream().map(DescriptionWriter::code).toList()))
                    .append("; techniques: ")
                    .append(String.join(
                            ", ",
                            s.techniques().stream().map(DescriptionWriter::code).toList()))
                    .append(".");
        }
        md.append("\n");
        for (Story.Chain chain : s.chains()) {
            md.append("\n### Process chain on ").append(code(chain.host())).append("\n\n");
            md.append(String.join(
                            " → ",
                            chain.steps().stream()
                                    .map(st -> code(baseName(st.image())))
                                    .toList()))
                    .append("\n\n");
            int i = 1;
            for (Story.Step step : chain.steps()) {
                md.append(i++).append(". ").append(code(step.image()));
                String commandLine = step.commandLine();
                if (commandLine != null && !commandLine.isBlank()) {
                    md.append(" — command line ").append(code(commandLine));
                }
                String user = step.user();
                if (user != null && !user.isBlank()) {
                    md.append(" — user ").append(code(user));
                }
                md.append("\n");
            }
        }
        section(
                md,
                "Files created",
                s.files().stream().map(DescriptionWriter::file).toList());
        section(
                md,
                "Commands run",
                s.commands().stream().map(DescriptionWriter::code).toList());
        section(md, "Users", s.users().stream().map(DescriptionWriter::user).toList());
        section(md, "Hosts", s.hosts().stream().map(DescriptionWriter::code).toList());
        section(md, "Alerts", s.alerts().stream().map(DescriptionWriter::code).toList());
        return md.toString();
    }

    private static String file(Story.FileRef f) {
        String image = f.image();
        return code(f.path()) + " on " + code(f.host()) + (image == null ? "" : " by " + code(baseName(image)));
    }

    private static String user(Story.UserRef u) {
        String sid = u.sid();
        return code(u.name()) + (sid == null ? " (SID not recorded)" : " (SID " + code(sid) + ")");
    }

    private static void section(StringBuilder md, String title, List<String> lines) {
        if (lines.isEmpty()) {
            return;
        }
        md.append("\n### ").append(title).append("\n\n");
        lines.forEach(l -> md.append("- ").append(l).append("\n"));
    }

    private static String join(List<String> values) {
        return String.join(", ", values.stream().map(DescriptionWriter::code).toList());
    }

    /** The file name of a Windows or Unix path. */
    static String baseName(String image) {
        int cut = Math.max(image.lastIndexOf('\\'), image.lastIndexOf('/'));
        return cut < 0 || cut == image.length() - 1 ? image : image.substring(cut + 1);
    }

    /**
     * A value as a Markdown code span: fenced with one backtick more than its longest run of
     * backticks, padded with a space when it starts or ends with one; line breaks become spaces.
     */
    static String code(String value) {
        String v = value.replace("\r\n", " ").replace('\n', ' ').replace('\r', ' ');
        if (v.isBlank()) {
            v = "(empty)";
        }
        int longest = 0;
        int run = 0;
        for (int i = 0; i < v.length(); i++) {
            run = v.charAt(i) == '`' ? run + 1 : 0;
            longest = Math.max(longest, run);
        }
        String fence = "`".repeat(longest + 1);
        boolean pad = v.startsWith("`") || v.endsWith("`");
        return fence + (pad ? " " : "") + v + (pad ? " " : "") + fence;
    }
}
