using System.Reflection;
using CampaignEngine.Core.Modules;
using CampaignEngine.Web.ModuleHost;
using NetArchTest.Rules;

namespace CampaignEngine.Web.Tests.Architecture;

/// <summary>
/// The large-scale shape, enforced on the compiled assemblies (NetArchTest reads their IL): the core knows nothing of
/// the host or the modules, a module knows only the core, the host's shared infrastructure and module loading know no
/// feature, and a feature uses another only where the allow-list below says so. A new dependency fails here; so does an
/// allowed one that is gone, so the list stays the true map of the features (README, "Architecture").
/// </summary>
public sealed class DependencyRulesTests
{
    private const string Features = "CampaignEngine.Web.Features";
    private static readonly Assembly Web = typeof(ModuleRegistry).Assembly;

    /// <summary>
    /// Feature → the features it may use. Every feature may use Auth (who the user is, the access scope), Audit (the
    /// record of what they did) and Shared (the pages' base classes); the rest are reads through the owner's queries or
    /// ports the caller owns (ADR 0007).
    /// </summary>
    private static readonly Dictionary<string, string[]> Allowed = new(StringComparer.Ordinal)
    {
        ["Audit"] = [],
        ["Auth"] = [],
        ["Campaigns"] = ["Compatriots", "Projects", "Responses", "Sending"],
        // MyPage: the person's receipts and certificates are sections of their page (IMyPageSections) behind its one door (MyPageGate).
        ["Certificates"] = ["Campaigns", "Compatriots", "MyPage", "Pledges", "Privacy", "Projects", "Sending"],
        ["Compatriots"] = ["Pledges", "Privacy"],
        ["Dashboard"] = ["Certificates", "Pledges", "Reports"],
        // The demo posts projects, records pledges and brings questions to the desk through their owners' services, as
        // staff and compatriots would.
        ["Demo"] = ["Compatriots", "Pledges", "Projects", "Responses"],
        ["Modules"] = [],
        // The person's own page: their data are the directory's (Compatriots), a channel turned off is opted out as an
        // unsubscribe does (Responses' Consent), and it implements Sending's port for links.me.
        ["MyPage"] = ["Compatriots", "Responses", "Sending"],
        // The operator's tools (OpenAPI, /jobs, /metrics) know no other feature: each feature adds its own instruments
        // to the product meter (Infrastructure/Metrics).
        ["Operations"] = [],
        // MyPage: Pledges adds the person's contributions to their page through its port (IMyPageSections), and steers
        // monthly pledges behind the same link and its rate limit (MyPageLimit).
        ["Pledges"] = ["Campaigns", "Certificates", "Compatriots", "MyPage", "Privacy", "Reports", "Sending"],
        // Privacy: the person's own "my data" section, download and erasure request sit on their page (MyPage's gate and
        // sections), and it implements Sending's port that holds back messages to people waiting to be erased.
        ["Privacy"] = ["Certificates", "Compatriots", "MyPage", "Pledges", "Responses", "Sending"],
        ["Projects"] = ["Campaigns", "Certificates", "Pledges", "Responses"],
        // Responses: "answered vs not answered" beside the funnel is the desk's own query (DeskStats), one place per rule.
        ["Reports"] = ["Campaigns", "Projects", "Responses"],
        // Responses: "my questions" is a section of the person's page (MyPage's sections and gate to their link).
        ["Responses"] = ["Campaigns", "Compatriots", "MyPage", "Pledges", "Privacy", "Projects", "Sending"],
        ["Sending"] = ["Campaigns", "Privacy"],
        ["Shared"] = [],
        ["Users"] = ["Compatriots"],
        ["Webhooks"] = ["Responses", "Sending"],
    };

    /// <summary>Every feature may use these: who the user is and what they may see, the record of what they did, and the
    /// pages' shell and base classes (Shared, which itself uses no feature but Auth).</summary>
    private static readonly string[] Everyone = ["Auth", "Audit", "Shared"];

    /// <summary>Infrastructure types that still know a feature, to be moved out by issue 15 (the list may only shrink).</summary>
    private static readonly HashSet<string> InfrastructureStillUsingFeatures = [];

    [Fact]
    public void The_core_depends_on_nothing_of_the_host_or_the_modules()
    {
        var result = Types.InAssembly(typeof(ICampaignModule).Assembly)
            .ShouldNot().HaveDependencyOnAny("CampaignEngine.Web", "CampaignEngine.Modules").GetResult();

        Assert.True(result.IsSuccessful, Failing(result));
    }

    // The shipped modules are data modules now (their nomination rules are declarative, ADR 0010); code modules remain
    // supported, and any added under modules/ is held to these rules.
    [Fact]
    public void A_code_module_depends_on_the_core_only()
    {
        foreach (var module in CodeModules.Declared.Values)
        {
            var assembly = Assembly.Load(new AssemblyName(module));
            var others = CodeModules.Declared.Values.Where(name => name != module).ToArray();

            var result = Types.InAssembly(assembly).ShouldNot().HaveDependencyOnAny([.. others, "CampaignEngine.Web"]).GetResult();

            Assert.True(result.IsSuccessful, Failing(result));
            // Nor on any library: what it references beyond the core is the runtime's own.
            var referenced = assembly.GetReferencedAssemblies().Select(a => a.Name!).Where(name => name != "CampaignEngine.Core");
            Assert.All(referenced, name => Assert.True(name.StartsWith("System.", StringComparison.Ordinal) || name is "System" or "netstandard", $"{module} references {name}"));
        }
    }

    [Fact]
    public void A_code_module_project_references_the_core_and_no_package()
    {
        foreach (var project in ModuleProjects())
        {
            var file = System.Xml.Linq.XDocument.Load(Path.Combine(RepositoryPaths.Root, project));

            Assert.Equal(["../../src/CampaignEngine.Core/CampaignEngine.Core.csproj"],
                file.Descendants("ProjectReference").Select(r => r.Attribute("Include")!.Value.Replace('\\', '/')));
            Assert.Empty(file.Descendants("PackageReference"));
        }
    }

    [Fact]
    public void Every_code_module_project_is_built_into_the_host()
    {
        var projects = Directory.GetFiles(Path.Combine(RepositoryPaths.Root, "modules"), "*.csproj", SearchOption.AllDirectories)
            .Select(Path.GetFileNameWithoutExtension).Order(StringComparer.Ordinal);

        Assert.Equal(projects, CodeModules.Declared.Values.Order(StringComparer.Ordinal));
    }

    private static IEnumerable<string> ModuleProjects() =>
        Directory.GetFiles(Path.Combine(RepositoryPaths.Root, "modules"), "*.csproj", SearchOption.AllDirectories)
            .Select(f => Path.GetRelativePath(RepositoryPaths.Root, f)).Order(StringComparer.Ordinal);

    [Fact]
    public void Infrastructure_and_module_loading_depend_on_no_feature()
    {
        var failing = Types.InAssembly(Web)
            .That().ResideInNamespace("CampaignEngine.Web.Infrastructure").Or().ResideInNamespace("CampaignEngine.Web.ModuleHost")
            .ShouldNot().HaveDependencyOn(Features).GetResult().FailingTypeNames ?? [];
        var outermost = failing.Select(name => name.Split('+')[0]).ToHashSet(StringComparer.Ordinal);

        AssertSameAs(InfrastructureStillUsingFeatures, outermost, "infrastructure types that use a feature");
    }

    [Fact]
    public void Features_use_each_other_only_where_the_allow_list_says()
    {
        var actual = FeatureNames().SelectMany(from => FeatureNames()
                .Where(to => to != from && !Everyone.Contains(to) && Uses(from, to))
                .Select(to => $"{from} → {to}"))
            .ToHashSet(StringComparer.Ordinal);
        var allowed = Allowed.SelectMany(pair => pair.Value.Select(to => $"{pair.Key} → {to}")).ToHashSet(StringComparer.Ordinal);

        AssertSameAs(allowed, actual, "feature dependencies");
    }

    [Fact]
    public void Every_feature_is_on_the_allow_list()
    {
        Assert.Equal(Allowed.Keys.Order(StringComparer.Ordinal), FeatureNames());
    }

    private static bool Uses(string from, string to) =>
        !Types.InAssembly(Web).That().ResideInNamespace($"{Features}.{from}")
            .ShouldNot().HaveDependencyOn($"{Features}.{to}").GetResult().IsSuccessful;

    private static List<string> FeatureNames() =>
        [.. Web.GetTypes().Select(t => t.Namespace ?? "")
            .Where(ns => ns.StartsWith(Features + ".", StringComparison.Ordinal))
            .Select(ns => ns.Split('.')[3]).Distinct().Order(StringComparer.Ordinal)];

    private static void AssertSameAs(IReadOnlySet<string> expected, IReadOnlySet<string> actual, string what)
    {
        var added = actual.Except(expected).Order(StringComparer.Ordinal).ToList();
        var gone = expected.Except(actual).Order(StringComparer.Ordinal).ToList();
        Assert.True(added.Count == 0, $"new {what} (not allowed):\n" + string.Join('\n', added));
        Assert.True(gone.Count == 0, $"{what} listed here that the code no longer has (take them off the list):\n" + string.Join('\n', gone));
    }

    private static string Failing(TestResult result) => string.Join('\n', result.FailingTypeNames ?? []);
}
