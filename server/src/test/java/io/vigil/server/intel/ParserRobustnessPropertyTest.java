package io.vigil.server.intel;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.StringLength;
import tools.jackson.databind.json.JsonMapper;

/** No input may crash the intel parsers: bad input is a reported problem or an IllegalArgumentException. */
class ParserRobustnessPropertyTest {

    private final Importers importers = new Importers(JsonMapper.builder().build());

    @Property(tries = 500)
    void stixPatternsEitherParseOrSayWhere(@ForAll @StringLength(max = 200) String tail) {
        for (String pattern : new String[] {tail, "[" + tail, "[file:hashes.MD5 = '" + tail + "']", "(" + tail + ")"}) {
            try {
                StixPattern.parse(pattern);
            } catch (IllegalArgumentException e) {
                assertThat(e.getMessage()).startsWith("pattern: ");
            }
        }
    }

    @Property(tries = 500)
    void valuesEitherNormaliseOrSayWhy(@ForAll IocType type, @ForAll @StringLength(max = 100) String raw) {
        try {
            IocValues.Normalised n = IocValues.normalise(type, raw);
            assertThat(IocValues.normalise(n.type(), n.value())).isEqualTo(n);
        } catch (IllegalArgumentException e) {
            assertThat(e.getMessage()).isNotBlank();
        }
    }

    @Property(tries = 300)
    void documentsNeverThrow(@ForAll FeedKind kind, @ForAll @StringLength(max = 300) String text) {
        if (kind == FeedKind.MISP_FEED || kind == FeedKind.TAXII) {
            return;
        }
        ImportReport r = new ImportReport(1000);
        importers.read(kind, text.getBytes(StandardCharsets.UTF_8), "doc", r);
        assertThat(r.entries()).isGreaterThanOrEqualTo(0);
    }
}
