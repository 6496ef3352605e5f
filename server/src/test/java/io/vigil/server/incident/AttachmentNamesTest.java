package io.vigil.server.incident;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class AttachmentNamesTest {

    @Test
    void shouldDropFolderPartsOfTraversalNames() {
        assertThat(AttachmentNames.safe("../../etc/passwd")).isEqualTo("passwd");
        assertThat(AttachmentNames.safe("..\\..\\Windows\\System32\\evil.dll")).isEqualTo("evil.dll");
        assertThat(AttachmentNames.safe("/abs/path/report.pdf")).isEqualTo("report.pdf");
        assertThat(AttachmentNames.safe("..")).isEqualTo("attachment");
        assertThat(AttachmentNames.safe("../")).isEqualTo("attachment");
        assertThat(AttachmentNames.safe(".htaccess")).isEqualTo("htaccess");
    }

    @Test
    void shouldDropControlAndInvisibleCharacters() {
        assertThat(AttachmentNames.safe("a\r\nX-Evil: 1\r\n.txt")).isEqualTo("aX-Evil 1.txt");
        assertThat(AttachmentNames.safe("a\r\nContent-Type: text/html\r\n.txt")).isEqualTo("html.txt");
        assertThat(AttachmentNames.safe("invoice\u202Efdp.exe")).isEqualTo("invoicefdp.exe");
        assertThat(AttachmentNames.safe("nul\u0000byte.txt")).isEqualTo("nulbyte.txt");
        assertThat(AttachmentNames.safe("quo\"te;.txt")).isEqualTo("quote;.txt");
        assertThat(AttachmentNames.safe("")).isEqualTo("attachment");
    }

    @Test
    void shouldKeepUnicodeLettersNormalisedAndCutLongNames() {
        assertThat(AttachmentNames.safe("Bericht-Ü\u0308ber.txt")).isEqualTo("Bericht-Ü\u0308ber.txt");
        assertThat(AttachmentNames.safe("Cafe\u0301.txt")).isEqualTo("Café.txt");
        assertThat(AttachmentNames.safe("日本語のファイル.log")).isEqualTo("日本語のファイル.log");
        assertThat(AttachmentNames.safe("x".repeat(1000)).length()).isEqualTo(AttachmentNames.MAX_NAME);
    }

    @Test
    void shouldServeOnlyAllowListedTypesAsThemselves() {
        assertThat(AttachmentNames.contentType("a.PNG")).isEqualTo("image/png");
        assertThat(AttachmentNames.contentType("page.html")).isEqualTo("application/octet-stream");
        assertThat(AttachmentNames.contentType("image.svg")).isEqualTo("application/octet-stream");
        assertThat(AttachmentNames.contentType("noext")).isEqualTo("application/octet-stream");
    }
}
