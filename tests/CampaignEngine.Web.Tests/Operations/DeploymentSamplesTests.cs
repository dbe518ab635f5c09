using System.Diagnostics;
using System.Text.RegularExpressions;
using CampaignEngine.Web.Tests.Architecture;

namespace CampaignEngine.Web.Tests.Operations;

/// <summary>
/// The deployment samples in deploy/ stay true to the product: every setting the sample environment file sets is one
/// the README's settings table describes (a renamed setting would otherwise be silently ignored on a real server), and
/// the systemd unit is one systemd accepts.
/// </summary>
public sealed partial class DeploymentSamplesTests
{
    private static readonly string Root = SourceTree.RepositoryRoot();

    [Fact]
    public void Every_setting_of_the_sample_environment_file_is_a_setting_the_readme_describes()
    {
        var readme = File.ReadAllText(Path.Combine(Root, "README.md"));
        var settings = File.ReadAllLines(Path.Combine(Root, "deploy", "campaign-engine.env.example"))
            .Where(line => line.Length > 0 && !line.StartsWith('#'))
            .Select(line => line[..line.IndexOf('=', StringComparison.Ordinal)])
            .Where(key => key != "ASPNETCORE_ENVIRONMENT")
            .ToList();

        Assert.NotEmpty(settings);
        var unknown = settings.Where(key => !Described(readme, key.Replace("__", ":", StringComparison.Ordinal))).ToList();
        Assert.True(unknown.Count == 0, "not in README's settings: " + string.Join(", ", unknown));
    }

    [SkippableFact]
    public void The_sample_systemd_unit_is_one_systemd_accepts()
    {
        Skip.IfNot(File.Exists("/usr/bin/systemd-analyze"), "systemd-analyze is not installed here");
        using var verify = Process.Start(new ProcessStartInfo("/usr/bin/systemd-analyze", ["verify", Path.Combine(Root, "deploy", "campaign-engine.service")])
        {
            RedirectStandardError = true,
            RedirectStandardOutput = true,
        })!;
        var complaints = verify.StandardError.ReadToEnd() + verify.StandardOutput.ReadToEnd();
        verify.WaitForExit();
        Assert.True(verify.ExitCode == 0 && complaints.Trim().Length == 0, complaints);
    }

    [Fact]
    public void Every_setting_the_compose_file_gives_the_hosts_is_a_setting_the_readme_describes()
    {
        var readme = File.ReadAllText(Path.Combine(Root, "README.md"));
        var settings = ComposeSettings().Keys.Where(key => !key.StartsWith("ASPNETCORE_", StringComparison.Ordinal)).ToList();

        Assert.Contains("Database__Provider", settings);
        var unknown = settings.Where(key => !Described(readme, key.Replace("__", ":", StringComparison.Ordinal))).ToList();
        Assert.True(unknown.Count == 0, "not in README's settings: " + string.Join(", ", unknown));
    }

    [Fact]
    public void The_compose_file_runs_two_hosts_on_postgresql_behind_a_proxy_they_trust_and_documents_every_variable_it_needs()
    {
        var compose = File.ReadAllText(Path.Combine(Root, "deploy", "compose.yaml"));
        var caddy = File.ReadAllText(Path.Combine(Root, "deploy", "Caddyfile"));
        var settings = ComposeSettings();
        Assert.Equal("postgresql", settings["Database__Provider"]);
        Assert.StartsWith("Host=db;", settings["ConnectionStrings__CampaignEngine"], StringComparison.Ordinal);
        // Both hosts are the one anchored definition, and the proxy spreads requests over both.
        Assert.Matches(@"(?m)^  host-a: \*host$", compose);
        Assert.Matches(@"(?m)^  host-b: \*host$", compose);
        Assert.Contains("reverse_proxy host-a:8080 host-b:8080", caddy, StringComparison.Ordinal);
        // The hosts believe forwarded headers from the compose network only, which is where the proxy is.
        Assert.Contains($"subnet: {settings["ForwardedHeaders__KnownNetworks"]} ", compose, StringComparison.Ordinal);
        // Every variable the files read from the operator's environment is explained in the compose file's header.
        var header = string.Join('\n', compose.Split('\n').TakeWhile(line => line.StartsWith('#')));
        var variables = ComposeVariable().Matches(compose + caddy).Select(m => m.Groups[1].Value).Distinct().ToList();
        Assert.NotEmpty(variables);
        var undocumented = variables.Where(v => !Regex.IsMatch(header, $@"#\s+{v}\s")).ToList();
        Assert.True(undocumented.Count == 0, "variables the compose header does not explain: " + string.Join(", ", undocumented));
    }

    /// <summary>The environment the compose file gives its hosts (the anchored host definition's <c>environment:</c> block).</summary>
    private static Dictionary<string, string> ComposeSettings()
    {
        var lines = File.ReadAllLines(Path.Combine(Root, "deploy", "compose.yaml"));
        var start = Array.FindIndex(lines, line => line.StartsWith("x-host:", StringComparison.Ordinal));
        var block = Array.FindIndex(lines, start, line => line == "  environment:");
        return lines.Skip(block + 1).TakeWhile(line => line.StartsWith("    ", StringComparison.Ordinal))
            .Select(line => line.Trim().Split(':', 2))
            .ToDictionary(pair => pair[0], pair => pair[1].Trim().Trim('"'), StringComparer.Ordinal);
    }

    [GeneratedRegex(@"\$\{?([A-Z][A-Z0-9_]*)")]
    private static partial Regex ComposeVariable();

    /// <summary>
    /// The table names settings in code spans, alone (`Database:Path`) or as a family (`Channels:Email:Host`, `From`
    /// (+ `User`, …)), and `{Channel}` stands for each channel.
    /// </summary>
    private static bool Described(string readme, string key)
    {
        if (readme.Contains($"`{key}`", StringComparison.Ordinal)) return true;
        var cut = key.LastIndexOf(':');
        if (cut < 0) return false;
        var (family, last) = (key[..cut], key[(cut + 1)..]);
        var generic = ChannelName().Replace(family, "{Channel}");
        return readme.Split('\n').Any(line => line.StartsWith('|')
            && (line.Contains($"`{family}:", StringComparison.Ordinal) || line.Contains($"`{generic}:", StringComparison.Ordinal))
            && line.Contains($"`{last}`", StringComparison.Ordinal));
    }

    [GeneratedRegex(@"(?<=^Channels:)(Email|Telegram|WhatsApp|Sms)\b")]
    private static partial Regex ChannelName();
}
