using System.Diagnostics;
using System.Text.Json;
using CampaignEngine.Web.Tests.Architecture;

namespace CampaignEngine.Web.Tests.Operations;

/// <summary>
/// The host is installed by `dotnet publish` (deploy/): that publish compiles it ahead of time (ReadyToRun, ADR 0014),
/// which is what brings its cold start and resident JIT code down (docs/benchmarks.md). Read from MSBuild's own
/// evaluation of the project, as the publish sees it, so that a lost property fails here rather than in a slower start.
/// </summary>
public sealed class PublishedHostTests
{
    private static readonly string Project = Path.Combine(SourceTree.RepositoryRoot(), "src", "CampaignEngine.Web", "CampaignEngine.Web.csproj");

    [Fact]
    public void Publishing_the_host_compiles_it_ahead_of_time_for_the_publishing_machine_and_keeps_it_framework_dependent()
    {
        var published = Evaluate("-p:_IsPublishing=true", "-p:Configuration=Release");

        Assert.Equal("true", published["PublishReadyToRun"]);
        Assert.Equal(published["NETCoreSdkRuntimeIdentifier"], published["RuntimeIdentifier"]);
        Assert.Equal("false", published["SelfContained"]);
    }

    [Fact]
    public void A_platform_named_on_the_publish_command_wins_and_a_plain_build_stays_portable()
    {
        var forArm = Evaluate("-p:_IsPublishing=true", "-p:RuntimeIdentifier=linux-arm64");
        var built = Evaluate();

        Assert.Equal("linux-arm64", forArm["RuntimeIdentifier"]);
        Assert.Equal("true", forArm["PublishReadyToRun"]);
        Assert.Equal("", built["RuntimeIdentifier"]);
        Assert.Equal("", built["PublishReadyToRun"]);
    }

    [Fact]
    public void The_host_runs_the_server_collector_adapting_to_its_live_data_with_background_collections()
    {
        var built = Evaluate("-p:Configuration=Release");

        Assert.Equal(("true", "true"), (built["ServerGarbageCollection"], built["ConcurrentGarbageCollection"]));
        Assert.Equal("1", built["RuntimeHostConfigurationOption:System.GC.DynamicAdaptationMode"]);
    }

    [Fact]
    public void The_young_generation_grows_to_at_most_the_live_data_before_a_collection()
    {
        var built = Evaluate("-p:Configuration=Release");

        // Per mille of the live data; DATAS's own default is 10000 (ADR 0022).
        Assert.Equal("1000", built["RuntimeHostConfigurationOption:System.GC.DGen0GrowthMaxFactor"]);
    }

    private static Dictionary<string, string> Evaluate(params string[] properties)
    {
        string[] names = ["PublishReadyToRun", "RuntimeIdentifier", "SelfContained", "NETCoreSdkRuntimeIdentifier", "ServerGarbageCollection", "ConcurrentGarbageCollection"];
        var start = new ProcessStartInfo("dotnet", ["msbuild", Project, .. names.Select(n => $"-getProperty:{n}"), "-getItem:RuntimeHostConfigurationOption", .. properties])
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        using var msbuild = Process.Start(start)!;
        var output = msbuild.StandardOutput.ReadToEnd();
        var errors = msbuild.StandardError.ReadToEnd();
        msbuild.WaitForExit();
        Assert.True(msbuild.ExitCode == 0, output + errors);
        using var json = JsonDocument.Parse(output);
        var evaluated = json.RootElement.GetProperty("Properties").EnumerateObject().ToDictionary(p => p.Name, p => p.Value.GetString() ?? "");
        // Runtime options (runtimeconfig.json's configProperties) as "RuntimeHostConfigurationOption:<name>" = value.
        foreach (var option in json.RootElement.GetProperty("Items").GetProperty("RuntimeHostConfigurationOption").EnumerateArray())
            evaluated[$"RuntimeHostConfigurationOption:{option.GetProperty("Identity").GetString()}"] = option.GetProperty("Value").GetString() ?? "";
        return evaluated;
    }
}
