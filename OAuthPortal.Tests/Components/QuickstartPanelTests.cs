using System.Diagnostics;
using Bunit;
using OAuthPortal.Areas.Developer;
using OAuthPortal.Components;
using OAuthPortal.Data;
using OAuthPortal.Management.Clients;

namespace OAuthPortal.Tests.Components;

public sealed class QuickstartPanelTests : BunitContext
{
    private const string Issuer = "https://as.example";
    private const string Device = "urn:ietf:params:oauth:grant-type:device_code";

    private static ClientDetails Client(ClientType type, string[] grantTypes, string[]? machineScopes = null, string[]? redirectUris = null) =>
        new("client-1", "App", "", null, type, true, "dev@example.test", redirectUris ?? [], [], null, "RS256",
            DateTime.UnixEpoch, DateTime.UnixEpoch, 0, 0, null, grantTypes, machineScopes ?? []);

    private IRenderedComponent<QuickstartPanel> RenderFor(ClientDetails client) =>
        Render<QuickstartPanel>(ps => ps.Add(p => p.Items, Quickstart.Build(Issuer, client, "profile", TimeSpan.FromSeconds(5))));

    private static IReadOnlyList<string> ItemIds(IRenderedComponent<QuickstartPanel> panel) =>
        panel.FindAll("code[data-test^=quickstart-]").Select(e => e.GetAttribute("data-test")!["quickstart-".Length..]).ToList();

    private static string Item(IRenderedComponent<QuickstartPanel> panel, string id) => panel.Find($"[data-test=quickstart-{id}]").TextContent;

    [Fact]
    public void Render_Items_ShowsEachWithItsLabelExplanationAndCopyButton()
    {
        var panel = Render<QuickstartPanel>(ps => ps.Add(p => p.Items,
        [
            new QuickstartItem("metadata", "Metadata URL", "https://as.example/.well-known/oauth-authorization-server", "Discovery."),
            new QuickstartItem("api", "Call the API", "curl 'https://as.example/api/me' -H 'Authorization: Bearer X'"),
        ]));

        Assert.Equal("https://as.example/.well-known/oauth-authorization-server", panel.Find("[data-test=quickstart-metadata]").TextContent);
        Assert.Equal("curl 'https://as.example/api/me' -H 'Authorization: Bearer X'", panel.Find("[data-test=quickstart-api]").TextContent);
        Assert.Equal(["#qs-metadata", "#qs-api"], panel.FindAll("button[data-copy]").Select(b => b.GetAttribute("data-copy")));
        Assert.Contains("Discovery.", panel.Markup);
        Assert.Single(panel.FindAll(".form-text"));
    }

    [Fact]
    public void Render_DefaultGrants_ShowsTheCodeFlowRefreshAndTheUserApiWithThePkceNote()
    {
        var panel = RenderFor(Client(ClientType.Confidential, ["authorization_code", "refresh_token"], redirectUris: ["https://app.example/cb"]));

        Assert.Equal(["metadata", "authorize", "verifier", "exchange", "refresh", "revoke", "api"], ItemIds(panel));
        Assert.Contains("PKCE verifier", panel.Find("[data-test=quickstart-note]").TextContent);
    }

    [Fact]
    public void Render_MachineClient_ShowsItsTokenRequestWithItsMachineScopesAndTheStatusCallOnly()
    {
        var panel = RenderFor(Client(ClientType.Confidential, ["client_credentials"], ["reports", "status"]));

        Assert.Equal(["metadata", "client-credentials", "revoke", "status-api"], ItemIds(panel));
        Assert.Equal("curl -X POST 'https://as.example/oauth2/token' -u 'client-1:YOUR_CLIENT_SECRET' \\\n" +
            "  --data-urlencode 'grant_type=client_credentials' \\\n  --data-urlencode 'scope=reports status'", Item(panel, "client-credentials"));
        Assert.Equal("curl 'https://as.example/api/status' -H 'Authorization: Bearer ACCESS_TOKEN'", Item(panel, "status-api"));
        Assert.DoesNotContain("PKCE", panel.Find("[data-test=quickstart-note]").TextContent);
    }

    [Fact]
    public void Render_MachineClientWithoutMachineScopes_SendsNoScopeAndSaysWhereToChooseThem()
    {
        var panel = RenderFor(Client(ClientType.Confidential, ["client_credentials"]));

        Assert.DoesNotContain("scope=", Item(panel, "client-credentials"));
        Assert.Contains("no machine scopes yet", panel.Markup);
    }

    [Fact]
    public void Render_PublicDeviceClient_SendsOnlyItsClientIdToBothEndpoints()
    {
        var panel = RenderFor(Client(ClientType.Public, [Device, "refresh_token"]));

        Assert.Equal(["metadata", "device-authorization", "device-poll", "refresh", "revoke", "api"], ItemIds(panel));
        Assert.Equal("curl -X POST 'https://as.example/oauth2/device_authorization' --data-urlencode 'client_id=client-1' \\\n" +
            "  --data-urlencode 'scope=profile'", Item(panel, "device-authorization"));
        var loop = Item(panel, "device-poll");
        Assert.Contains("curl -s -X POST 'https://as.example/oauth2/token' --data-urlencode 'client_id=client-1' \\", loop);
        Assert.Contains($"--data-urlencode 'grant_type={Device}'", loop);
        Assert.Contains("--data-urlencode 'device_code=DEVICE_CODE'", loop);
        Assert.DoesNotContain("-u ", loop);
    }

    [Fact]
    public void Render_ConfidentialDeviceClient_AuthenticatesWithItsSecretInBothRequests()
    {
        var panel = RenderFor(Client(ClientType.Confidential, [Device]));

        Assert.Contains("-u 'client-1:YOUR_CLIENT_SECRET'", Item(panel, "device-authorization"));
        Assert.Contains("-u 'client-1:YOUR_CLIENT_SECRET'", Item(panel, "device-poll"));
        Assert.DoesNotContain("refresh", ItemIds(panel));
    }

    [SkippableFact]
    public async Task DevicePollingLoop_RunByAPosixShell_WaitsWhilePendingSlowsDownAndStopsOnTheAnswer()
    {
        Skip.If(OperatingSystem.IsWindows() || !File.Exists("/bin/sh"), "No POSIX shell here.");
        var loop = Item(RenderFor(Client(ClientType.Public, [Device])), "device-poll");
        var bin = Directory.CreateTempSubdirectory("quickstart-loop");
        try
        {
            // A curl that answers pending, slow_down, pending, then tokens; a sleep that only writes down how long.
            await File.WriteAllTextAsync(Path.Combine(bin.FullName, "curl"), """
                #!/bin/sh
                n=$(cat "$(dirname "$0")/count" 2>/dev/null || echo 0); n=$((n + 1)); echo "$n" > "$(dirname "$0")/count"
                case "$n" in
                  1|3) printf '{"error":"authorization_pending"}' ;;
                  2) printf '{"error":"slow_down"}' ;;
                  *) printf '{"access_token":"AT","token_type":"Bearer"}' ;;
                esac
                """.ReplaceLineEndings("\n"));
            await File.WriteAllTextAsync(Path.Combine(bin.FullName, "sleep"), "#!/bin/sh\necho \"$1\" >> \"$(dirname \"$0\")/slept\"\n");
            foreach (var tool in new[] { "curl", "sleep" })
            {
                if (!OperatingSystem.IsWindows())
                {
                    File.SetUnixFileMode(Path.Combine(bin.FullName, tool), UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
                }
            }

            var run = new ProcessStartInfo("/bin/sh", ["-c", loop]) { RedirectStandardOutput = true, RedirectStandardError = true };
            run.Environment["PATH"] = $"{bin.FullName}:{Environment.GetEnvironmentVariable("PATH")}";
            using var shell = Process.Start(run)!;
            var output = await shell.StandardOutput.ReadToEndAsync();
            await shell.WaitForExitAsync();

            Assert.Equal(0, shell.ExitCode);
            Assert.Equal("{\"access_token\":\"AT\",\"token_type\":\"Bearer\"}", output.Trim());
            Assert.Equal(["5", "5", "10", "10"], await File.ReadAllLinesAsync(Path.Combine(bin.FullName, "slept")));
        }
        finally
        {
            bin.Delete(recursive: true);
        }
    }
}
