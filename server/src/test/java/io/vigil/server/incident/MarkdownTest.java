package io.vigil.server.incident;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Locale;
import java.util.Set;
import org.jsoup.Jsoup;
import org.jsoup.nodes.Attribute;
import org.jsoup.nodes.Document;
import org.jsoup.nodes.Element;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class MarkdownTest {

    private static final Set<String> ALLOWED = Set.of(
            "body",
            "p",
            "br",
            "hr",
            "h1",
            "h2",
            "h3",
            "h4",
            "h5",
            "h6",
            "em",
            "strong",
            "del",
            "code",
            "pre",
            "blockquote",
            "ul",
            "ol",
            "li",
            "a");

    @Test
    void shouldRenderOrdinaryMarkdown() {
        String html =
                Markdown.toHtml("# Hosts\n\n* **srv-01**: `wevtutil cl Security`\n\n[runbook](https://example.com/rb)");
        assertThat(html)
                .contains("<h1>Hosts</h1>")
                .contains("<strong>srv-01</strong>")
                .contains("<code>wevtutil cl Security</code>")
                .contains("<a href=\"https://example.com/rb\" rel=\"nofollow noopener noreferrer\">runbook</a>");
    }

    @ParameterizedTest
    @ValueSource(
            strings = {
                "<script>alert(1)</script>",
                "hello <script src=https://evil.example/x.js></script>",
                "[click](javascript:alert(1))",
                "[click](JaVaScRiPt:alert(1))",
                "[click](  javascript:alert(1))",
                "[x](data:text/html;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg==)",
                "[x](vbscript:msgbox(1))",
                "<img src=x onerror=alert(1)>",
                "![img](x\" onerror=\"alert(1))",
                "<a href=\"javascript:alert(1)\">x</a>",
                "<iframe src=\"https://evil.example\"></iframe>",
                "<svg onload=alert(1)>",
                "<div style=\"background:url(javascript:alert(1))\">x</div>",
                "<<script>script>alert(1)<</script>/script>",
                "[x](&#106;avascript:alert(1))",
                "<details open ontoggle=alert(1)>",
                "`<script>` in code is text",
                "<form action=https://evil.example><input name=password></form>"
            })
    void shouldLeaveNothingExecutable(String hostile) {
        String html = Markdown.toHtml(hostile);
        Document doc = Jsoup.parseBodyFragment(html);
        for (Element e : doc.body().getAllElements()) {
            assertThat(ALLOWED).as("element <%s> in %s", e.tagName(), html).contains(e.tagName());
            for (Attribute a : e.attributes()) {
                String name = a.getKey().toLowerCase(Locale.ROOT);
                assertThat(name).as("attribute in %s", html).isIn("href", "title", "rel", "start");
                if (name.equals("href")) {
                    assertThat(a.getValue().toLowerCase(Locale.ROOT).strip())
                            .as("link in %s", html)
                            .matches("^(https?:|mailto:).*");
                }
            }
        }
        String text = doc.body().text();
        // What was escaped rather than dropped is still readable as text.
        if (hostile.startsWith("<img") || hostile.startsWith("<svg")) {
            assertThat(text).isEqualTo(hostile);
        }
    }

    @Test
    void shouldShowRawHtmlAsText() {
        assertThat(Markdown.toHtml("<b>bold?</b>")).isEqualTo("<p>&lt;b&gt;bold?&lt;/b&gt;</p>\n");
    }
}
