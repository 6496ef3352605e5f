package io.vigil.sigma;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;

/**
 * A deterministic, mostly benign Sysmon-shaped event mix for measuring the engine (test support):
 * process creation (EventID 1), network connection (3), image load (7), file create (11), registry
 * value set (13), registry key add (12) and PowerShell script blocks (4104), flattened like
 * {@link EvtxJsonEvents} (System fields and EventData at the top level). Field shapes follow the
 * SigmaHQ {@code regression_data} events; values are typical of a Windows workstation.
 *
 * <p>Public for the {@code bench} module, which uses it through sigma's test-jar.
 */
public final class SysmonEventMix {
    static final String SYSMON = "Microsoft-Windows-Sysmon/Operational";
    static final String POWERSHELL = "Microsoft-Windows-PowerShell/Operational";

    private static final String[][] PROCESSES = {
        // image, command line, parent image, original file name
        {
            "C:\\Windows\\System32\\svchost.exe",
            "C:\\Windows\\system32\\svchost.exe -k netsvcs -p -s Schedule",
            "C:\\Windows\\System32\\services.exe",
            "svchost.exe"
        },
        {
            "C:\\Windows\\System32\\svchost.exe",
            "C:\\Windows\\System32\\svchost.exe -k LocalServiceNetworkRestricted -p",
            "C:\\Windows\\System32\\services.exe",
            "svchost.exe"
        },
        {
            "C:\\Program Files\\Google\\Chrome\\Application\\chrome.exe",
            "\"C:\\Program Files\\Google\\Chrome\\Application\\chrome.exe\" --type=renderer --lang=en-US"
                    + " --renderer-client-id=7 --launch-time-ticks=48211234 --mojo-platform-channel-handle=3124"
                    + " --field-trial-handle=1840,i,1234567890,987654321,262144 /prefetch:1",
            "C:\\Program Files\\Google\\Chrome\\Application\\chrome.exe",
            "chrome.exe"
        },
        {
            "C:\\Program Files\\Google\\Chrome\\Application\\chrome.exe",
            "\"C:\\Program Files\\Google\\Chrome\\Application\\chrome.exe\" --type=utility"
                    + " --utility-sub-type=network.mojom.NetworkService --lang=en-US --service-sandbox-type=none",
            "C:\\Program Files\\Google\\Chrome\\Application\\chrome.exe",
            "chrome.exe"
        },
        {"C:\\Windows\\explorer.exe", "C:\\Windows\\Explorer.EXE", "C:\\Windows\\System32\\userinit.exe", "EXPLORER.EXE"
        },
        {
            "C:\\Windows\\System32\\conhost.exe",
            "\\??\\C:\\Windows\\system32\\conhost.exe 0xffffffff -ForceV1",
            "C:\\Windows\\System32\\cmd.exe",
            "CONHOST.EXE"
        },
        {
            "C:\\Windows\\System32\\cmd.exe",
            "C:\\Windows\\system32\\cmd.exe /c \"C:\\Users\\alice\\build.bat\"",
            "C:\\Windows\\explorer.exe",
            "Cmd.Exe"
        },
        {
            "C:\\Program Files\\Microsoft Office\\root\\Office16\\OUTLOOK.EXE",
            "\"C:\\Program Files\\Microsoft Office\\Root\\Office16\\OUTLOOK.EXE\" ",
            "C:\\Windows\\explorer.exe",
            "Outlook.exe"
        },
        {
            "C:\\Windows\\System32\\RuntimeBroker.exe",
            "C:\\Windows\\System32\\RuntimeBroker.exe -Embedding",
            "C:\\Windows\\System32\\svchost.exe",
            "RuntimeBroker.exe"
        },
        {
            "C:\\Windows\\System32\\taskhostw.exe",
            "taskhostw.exe {222A245B-E637-4AE9-A93F-A59CA119A75E}",
            "C:\\Windows\\System32\\svchost.exe",
            "taskhostw.exe"
        },
        {
            "C:\\Program Files\\Git\\cmd\\git.exe",
            "git status --porcelain",
            "C:\\Users\\alice\\AppData\\Local\\Programs\\Microsoft VS Code\\Code.exe",
            "git.exe"
        },
        {
            "C:\\Windows\\System32\\WindowsPowerShell\\v1.0\\powershell.exe",
            "\"C:\\Windows\\System32\\WindowsPowerShell\\v1.0\\powershell.exe\" -NoProfile -File"
                    + " C:\\ProgramData\\Inventory\\collect.ps1",
            "C:\\Windows\\System32\\svchost.exe",
            "PowerShell.EXE"
        },
        {
            "C:\\Windows\\System32\\backgroundTaskHost.exe",
            "\"C:\\Windows\\system32\\backgroundTaskHost.exe\" -ServerName:App.AppXmtcan0h2tfbfy7k9kn8hbxb6dmzz1zh0.mca",
            "C:\\Windows\\System32\\svchost.exe",
            "backgroundTaskHost.exe"
        },
        {
            "C:\\Windows\\System32\\SearchProtocolHost.exe",
            "\"C:\\Windows\\system32\\SearchProtocolHost.exe\" Global\\UsGthrFltPipeMssGthrPipe5_"
                    + " Global\\UsGthrCtrlFltPipeMssGthrPipe5 1 -2147483646 \"Software\\Microsoft\\Windows Search\"",
            "C:\\Windows\\System32\\SearchIndexer.exe",
            "SearchProtocolHost.exe"
        },
    };

    private static final String[] DLLS = {
        "C:\\Windows\\System32\\ntdll.dll", "C:\\Windows\\System32\\kernel32.dll",
        "C:\\Windows\\System32\\KernelBase.dll", "C:\\Windows\\System32\\user32.dll",
        "C:\\Windows\\System32\\combase.dll", "C:\\Windows\\System32\\rpcrt4.dll",
        "C:\\Windows\\System32\\advapi32.dll", "C:\\Windows\\System32\\sechost.dll",
        "C:\\Windows\\System32\\bcryptprimitives.dll", "C:\\Windows\\System32\\uxtheme.dll",
        "C:\\Windows\\System32\\windows.storage.dll", "C:\\Windows\\System32\\wintypes.dll",
        "C:\\Program Files\\Google\\Chrome\\Application\\120.0.6099.130\\chrome_elf.dll",
    };

    private static final String[] REGISTRY_KEYS = {
        "HKLM\\SOFTWARE\\Microsoft\\Windows\\CurrentVersion\\Component Based Servicing\\SessionsPending\\Exclusive",
        "HKLM\\SOFTWARE\\Microsoft\\Windows NT\\CurrentVersion\\NetworkList\\Profiles\\{6A1B9C2D}\\DateLastConnected",
        "HKLM\\SOFTWARE\\Microsoft\\Windows Defender\\Signature Updates\\SignaturesLastUpdated",
        "HKLM\\System\\CurrentControlSet\\Services\\bam\\State\\UserSettings\\S-1-5-21-1111-2222-3333-1001"
                + "\\\\Device\\HarddiskVolume3\\Windows\\System32\\notepad.exe",
        "HKU\\S-1-5-21-1111-2222-3333-1001\\SOFTWARE\\Microsoft\\Windows\\CurrentVersion\\Explorer\\UserAssist"
                + "\\{CEBFF5CD-ACE2-4F4F-9178-9926F41749EA}\\Count\\HRZR_PGYFRFFVBA",
        "HKLM\\SOFTWARE\\Microsoft\\Windows\\CurrentVersion\\WINEVT\\Publishers\\{guid}\\Enabled",
        "HKU\\S-1-5-21-1111-2222-3333-1001\\SOFTWARE\\Google\\Chrome\\PreferenceMACs\\Default\\homepage",
    };

    private static final String[] FILES = {
        "C:\\Users\\alice\\AppData\\Local\\Google\\Chrome\\User Data\\Default\\Cache\\Cache_Data\\f_0001a3",
        "C:\\Windows\\Prefetch\\CHROME.EXE-AED7BA3D.pf",
        "C:\\Users\\alice\\AppData\\Local\\Temp\\msoA1B2.tmp",
        "C:\\ProgramData\\Microsoft\\Windows Defender\\Scans\\History\\Service\\DetectionHistory\\02\\A1B2",
        "C:\\Users\\alice\\Documents\\Quarterly Report.docx",
        "C:\\Windows\\SoftwareDistribution\\Download\\5f3e\\windows10.0-kb5034441-x64.cab",
    };

    private static final String[] SCRIPTS = {
        "Get-ChildItem -Path C:\\ProgramData\\Inventory -Filter *.json | ForEach-Object { Get-Content $_.FullName }",
        "$ErrorActionPreference = 'Stop'\nImport-Module Microsoft.PowerShell.Management\n"
                + "Get-Service | Where-Object { $_.Status -eq 'Running' } | Select-Object Name, DisplayName",
        "prompt",
        "Set-StrictMode -Version 1; $PSDefaultParameterValues['Out-File:Encoding'] = 'utf8'",
    };

    private final Random random;
    private long record = 1000;

    SysmonEventMix(long seed) {
        this.random = new Random(seed);
    }

    /** {@code n} events: 30% process creation, 20% image load, 15% registry, 15% file, 12% network, 8% PowerShell. */
    public static List<Map<String, Object>> events(int n, long seed) {
        SysmonEventMix mix = new SysmonEventMix(seed);
        List<Map<String, Object>> out = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
            out.add(mix.next());
        }
        return out;
    }

    /**
     * The same events as {@link #events}, declaring product {@code windows} as events read from
     * Windows event logs do.
     */
    public static List<SigmaEvent> sigmaEvents(int n, long seed) {
        return events(n, seed).stream()
                .map(m -> (SigmaEvent) MapEvent.of(m, EvtxJsonEvents.WINDOWS))
                .toList();
    }

    Map<String, Object> next() {
        int r = random.nextInt(100);
        if (r < 30) {
            return processCreation();
        } else if (r < 50) {
            return imageLoad();
        } else if (r < 65) {
            return registry();
        } else if (r < 80) {
            return fileEvent();
        } else if (r < 92) {
            return network();
        }
        return psScript();
    }

    private <T> T pick(T[] values) {
        return values[random.nextInt(values.length)];
    }

    private Map<String, Object> system(String channel, int eventId, String provider) {
        Map<String, Object> e = new LinkedHashMap<>();
        e.put("Provider_Name", provider);
        e.put("EventID", eventId);
        e.put("Version", 5);
        e.put("Level", 4);
        e.put("Task", eventId);
        e.put("Keywords", "0x8000000000000000");
        e.put("TimeCreated_SystemTime", "2025-12-11T06:17:19.772545Z");
        e.put("EventRecordID", record++);
        e.put("Channel", channel);
        e.put("Computer", "WKS-0" + random.nextInt(10) + ".corp.example.com");
        e.put("Security_UserID", "S-1-5-18");
        return e;
    }

    private Map<String, Object> sysmon(int eventId) {
        Map<String, Object> e = system(SYSMON, eventId, "Microsoft-Windows-Sysmon");
        e.put("RuleName", "-");
        e.put("UtcTime", "2025-12-11 06:17:19.636");
        e.put("ProcessGuid", guid());
        e.put("ProcessId", 1000 + random.nextInt(9000));
        return e;
    }

    private String guid() {
        return String.format(
                "0197231E-%04X-%04X-%04X-%012X",
                random.nextInt(0x10000),
                random.nextInt(0x10000),
                random.nextInt(0x10000),
                random.nextLong() & 0xFFFFFFFFFFFFL);
    }

    private String user() {
        return random.nextInt(3) == 0 ? "NT AUTHORITY\\SYSTEM" : "CORP\\alice";
    }

    private Map<String, Object> processCreation() {
        String[] p = pick(PROCESSES);
        Map<String, Object> e = sysmon(1);
        e.put("Image", p[0]);
        e.put("FileVersion", "10.0.19041.1 (WinBuild.160101.0800)");
        e.put("Description", "Windows component");
        e.put("Product", "Microsoft® Windows® Operating System");
        e.put("Company", "Microsoft Corporation");
        e.put("OriginalFileName", p[3]);
        e.put("CommandLine", p[1]);
        e.put("CurrentDirectory", "C:\\Windows\\system32\\");
        e.put("User", user());
        e.put("LogonGuid", guid());
        e.put("LogonId", "0x3e7");
        e.put("TerminalSessionId", 0);
        e.put("IntegrityLevel", random.nextBoolean() ? "System" : "Medium");
        e.put(
                "Hashes",
                "MD5=DBB2D090D2098B2B995FA067FDEF839F,SHA256=8955D2A45404A59C2E3772F3C76AEEAE48AEDF100BE328C003D7A4DF"
                        + "5342B491,IMPHASH=213443B550A6683661EB0CF00CF04681");
        e.put("ParentProcessGuid", guid());
        e.put("ParentProcessId", 600 + random.nextInt(400));
        e.put("ParentImage", p[2]);
        e.put("ParentCommandLine", p[2]);
        e.put("ParentUser", user());
        return e;
    }

    private Map<String, Object> imageLoad() {
        String[] p = pick(PROCESSES);
        Map<String, Object> e = sysmon(7);
        e.put("Image", p[0]);
        e.put("ImageLoaded", pick(DLLS));
        e.put("FileVersion", "10.0.19041.3636 (WinBuild.160101.0800)");
        e.put("Description", "Windows NT BASE API Client DLL");
        e.put("Product", "Microsoft® Windows® Operating System");
        e.put("Company", "Microsoft Corporation");
        e.put("OriginalFileName", "kernel32");
        e.put("Hashes", "SHA256=4F1A4E3C21A0C7E5E36A0E0B0E0C4B1F5E6A2B3C4D5E6F708192A3B4C5D6E7F8");
        e.put("Signed", "true");
        e.put("Signature", "Microsoft Windows");
        e.put("SignatureStatus", "Valid");
        e.put("User", user());
        return e;
    }

    private Map<String, Object> registry() {
        boolean set = random.nextInt(4) != 0;
        Map<String, Object> e = sysmon(set ? 13 : 12);
        e.put("EventType", set ? "SetValue" : "CreateKey");
        e.put("Image", pick(PROCESSES)[0]);
        e.put("TargetObject", pick(REGISTRY_KEYS));
        if (set) {
            e.put("Details", random.nextBoolean() ? "DWORD (0x00000001)" : "QWORD (0x01da2c1f-0x5e3b6a00)");
        }
        e.put("User", user());
        return e;
    }

    private Map<String, Object> fileEvent() {
        Map<String, Object> e = sysmon(11);
        e.put("Image", pick(PROCESSES)[0]);
        e.put("TargetFilename", pick(FILES));
        e.put("CreationUtcTime", "2025-12-11 06:17:19.636");
        e.put("User", user());
        return e;
    }

    private Map<String, Object> network() {
        Map<String, Object> e = sysmon(3);
        e.put("Image", pick(PROCESSES)[0]);
        e.put("User", user());
        e.put("Protocol", "tcp");
        e.put("Initiated", "true");
        e.put("SourceIsIpv6", "false");
        e.put("SourceIp", "10.0.12." + (2 + random.nextInt(200)));
        e.put("SourceHostname", "WKS-01.corp.example.com");
        e.put("SourcePort", 49152 + random.nextInt(16000));
        e.put("SourcePortName", "-");
        e.put("DestinationIsIpv6", "false");
        e.put("DestinationIp", random.nextBoolean() ? "142.250.185.78" : "10.0.0." + (1 + random.nextInt(20)));
        e.put("DestinationHostname", random.nextBoolean() ? "www.google.com" : "dc01.corp.example.com");
        e.put("DestinationPort", random.nextBoolean() ? 443 : 445);
        e.put("DestinationPortName", "https");
        return e;
    }

    private Map<String, Object> psScript() {
        Map<String, Object> e = system(POWERSHELL, 4104, "Microsoft-Windows-PowerShell");
        e.put("MessageNumber", 1);
        e.put("MessageTotal", 1);
        e.put("ScriptBlockText", pick(SCRIPTS));
        e.put("ScriptBlockId", guid().toLowerCase(java.util.Locale.ROOT));
        e.put("Path", random.nextBoolean() ? "" : "C:\\ProgramData\\Inventory\\collect.ps1");
        return e;
    }
}
