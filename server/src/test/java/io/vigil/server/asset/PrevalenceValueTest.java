package io.vigil.server.asset;

import static org.assertj.core.api.Assertions.assertThat;

import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.StringLength;
import org.junit.jupiter.api.Test;

class PrevalenceValueTest {

    @Test
    void commandLinesOfOneProgramStartedTheSameWayAreOneValue() {
        assertThat(PrevalenceValue.commandLineShape(
                        "chrome.exe --type=renderer --renderer-client-id=17 --field-trial-handle=2344,i,1029"))
                .isEqualTo("chrome.exe --type=renderer --renderer-client-id=# --field-trial-handle=#,i,#");
        assertThat(key("chrome.exe --type=renderer --renderer-client-id=17"))
                .isEqualTo(key("chrome.exe --type=renderer --renderer-client-id=20391"));
        assertThat(PrevalenceValue.commandLineShape(
                        "svchost.exe -k netsvcs {5770385F-C22A-43E0-BF4C-06F5698FFBD9} /t 0x3e7"))
                .isEqualTo("svchost.exe -k netsvcs {<guid>} /t #x3e7");
        assertThat(PrevalenceValue.commandLineShape("rundll32.exe C:\\Temp\\a3f9c2d41b7e6f08a1.dll,Run"))
                .isEqualTo("rundll32.exe C:\\Temp\\<hex>.dll,Run");
        assertThat(PrevalenceValue.commandLineShape("\"C:\\Program Files\\Microsoft Office\\Office16\\WINWORD.EXE\""))
                .isEqualTo("\"C:\\Program Files\\Microsoft Office\\Office16\\WINWORD.EXE\"");
    }

    @Test
    void commandLinesThatDifferInWordsOrEncodedTextStayApart() {
        assertThat(key("cmd.exe /c whoami")).isNotEqualTo(key("cmd.exe /c dir"));
        assertThat(key("powershell.exe -enc SQBFAFgA")).isNotEqualTo(key("powershell.exe -enc SQBFAFGA"));
        assertThat(PrevalenceValue.commandLineShape("notepad.exe readme.txt")).isEqualTo("notepad.exe readme.txt");
        assertThat(PrevalenceValue.commandLineShape("deadbeefcafe 12345678-1234-1234-1234-1234567890ab-7"))
                .isEqualTo("deadbeefcafe <guid>-#");
    }

    @Property(tries = 500)
    void theShapeIsStableAndNeverLonger(@ForAll @StringLength(max = 300) String commandLine) {
        String shape = PrevalenceValue.commandLineShape(commandLine);
        assertThat(PrevalenceValue.commandLineShape(shape)).isEqualTo(shape);
        assertThat(shape.length()).isLessThanOrEqualTo(commandLine.length());
    }

    private static String key(String commandLine) {
        PrevalenceValue v =
                java.util.Objects.requireNonNull(PrevalenceValue.of(PrevalenceKind.COMMAND_LINE, commandLine));
        return v.key();
    }
}
