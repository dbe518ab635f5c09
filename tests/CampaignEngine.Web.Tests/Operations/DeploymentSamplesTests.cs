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
