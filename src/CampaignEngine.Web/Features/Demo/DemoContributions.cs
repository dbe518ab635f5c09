using CampaignEngine.Core.Modules;
using CampaignEngine.Core.Reference;
using CampaignEngine.Web.Features.Auth;
using CampaignEngine.Web.Features.Compatriots;
using CampaignEngine.Web.Features.Pledges;
using CampaignEngine.Web.Features.Projects;
using CampaignEngine.Web.ModuleHost;

namespace CampaignEngine.Web.Features.Demo;

/// <summary>The demo's staff who post and record: an oblast administration per region, the officer and the leader.</summary>
internal sealed record DemoStaff(IReadOnlyDictionary<string, CurrentUser> OblastByRegion, CurrentUser Officer, CurrentUser Leader);

/// <summary>How much the demo posted: projects, and the pledges recorded for them.</summary>
internal sealed record DemoContributionCount(int Projects, int Pledges);

/// <summary>
/// A project for every enabled regional module that states a cause, posted by that region's demo administration, and
/// pledges to it from the region's natives abroad, so that a new user finds progress, reports and the pledge form
/// with something in them. Everything goes through the owners' own services (ProjectEditor, PledgeRecorder,
/// PledgeStore), with their rules and audit, as staff would do it by hand; nothing is written past them.
/// </summary>
internal sealed class DemoContributions(
    ModuleRegistry modules, ProjectEditor projects, ProjectStore projectStore, CompatriotQueries compatriots,
    PledgeRecorder recorder, PledgeStore pledges, Rates rates, TimeProvider clock)
{
    // A page of the region's natives to choose donors from: more than any project's donors.
    private const int Candidates = 200;

    private static readonly Weighted<string> Kinds = new(("money", 70), ("time", 20), ("in_kind", 10));
    private static readonly decimal[] DollarsPledged = [10, 20, 25, 30, 50, 50, 100, 100, 150, 200, 300, 500];
    private static readonly decimal[] HoursPledged = [4, 8, 8, 12, 20, 40];
    private static readonly string[] TimeKinds = ["training", "master_classes", "consulting", "lectures"];

    private static readonly Dictionary<string, string[]> Goods = new(StringComparer.Ordinal)
    {
        ["ky"] = ["Курулуш материалдары", "Мектеп китепканасы үчүн китептер", "Ноутбук", "Шаймандар", "Балдар үчүн спорттук кийим"],
        ["ru"] = ["Строительные материалы", "Книги для школьной библиотеки", "Ноутбук", "Инструменты", "Спортивная форма для детей"],
        ["en"] = ["Building materials", "Books for the school library", "A laptop", "Tools", "Sports kit for the children"],
    };

    public async Task<DemoContributionCount> SeedAsync(DemoStaff staff, int seed)
    {
        if (projectStore.List(region: null).Count > 0) return new(0, 0);
        var random = new Random(seed);
        var (posted, recorded) = (0, 0);
        foreach (var module in modules.Enabled.Select(m => m.Manifest).Where(m => m is { Scope: ModuleScope.Regional, Cause: not null }))
        {
            var region = module.Regions[0];
            if (!staff.OblastByRegion.TryGetValue(region, out var oblast)) continue;
            var outcome = projects.Create(Request(module, region), oblast);
            if (outcome.Id is not { } projectId)
                throw new InvalidOperationException($"The demo project of {module.Id} was refused: {string.Join("; ", outcome.Errors.Values)}");
            posted++;
            recorded += await PledgeAsync(projectId, region, oblast, staff, random);
        }
        return new(posted, recorded);
    }

    private static ProjectRequest Request(ModuleManifest module, string region)
    {
        var (title, description) = (module.Cause!.Title, module.Cause.Description);
        var project = DemoProjects.For(module.Id);
        return new ProjectRequest(
            module.Id, region, project.Village, project.Sector,
            new ProjectTexts(title.Ky, title.Ru, title.En), new ProjectTexts(description.Ky, description.Ru, description.En),
            project.BudgetKgs, "KGS", new ProjectShares(project.Shares.State, project.Shares.Local, project.Shares.Diaspora));
    }

    /// <summary>
    /// Pledges from some of the region's natives, up to a third of them the leader's organisation's members where it has
    /// any there: the leader records those, the officer the rest; about half are then confirmed, as staff confirm what has
    /// been vouched for.
    /// </summary>
    private async Task<int> PledgeAsync(long projectId, string region, CurrentUser oblast, DemoStaff staff, Random random)
    {
        var natives = compatriots.List(new CompatriotFilter(region, null, null, null, null, Page: 1, PageSize: Candidates), oblast).Items;
        var members = compatriots.List(new CompatriotFilter(region, null, null, null, null, Page: 1, PageSize: Candidates), staff.Leader).Items;
        var count = Math.Min(natives.Count, 12 + random.Next(24));
        var donors = members.OrderBy(_ => random.Next()).Take(count / 3)
            .Concat(natives.OrderBy(_ => random.Next())).DistinctBy(person => person.Id).Take(count).ToList();
        var written = await Task.WhenAll(donors.Select(person =>
        {
            var by = person.OrganizationId is { } organization && organization == staff.Leader.OrganizationId ? staff.Leader : staff.Officer;
            var origin = new PledgeOrigin(by.Role == Roles.Leader ? "leader" : "officer", by.Id, CampaignId: null, MessageId: null);
            return recorder.RecordAsync(person.Id, Input(person, projectId, region, random), origin);
        }));
        foreach (var id in written.Where(_ => random.NextDouble() < 0.5)) pledges.Confirm(id, clock.GetUtcNow());
        return written.Length;
    }

    private PledgeInput Input(CompatriotItem person, long projectId, string region, Random random)
    {
        var input = new PledgeInput
        {
            Kind = Kinds.Next(random), ProjectId = projectId, TargetRegion = region, PublicNameConsent = random.NextDouble() < 0.5,
        };
        switch (input.Kind)
        {
            case "money":
                input.Currency = Countries.Find(person.Country)?.Currency is { } local && rates.IsKnown(local) ? local : "USD";
                input.Amount = InCurrency(DollarsPledged[random.Next(DollarsPledged.Length)], input.Currency);
                input.Recurring = random.NextDouble() < 0.1 ? "monthly" : null;
                break;
            case "time":
                input.Hours = HoursPledged[random.Next(HoursPledged.Length)];
                input.ContributionType = TimeKinds[random.Next(TimeKinds.Length)];
                break;
            default:
                var goods = Goods.GetValueOrDefault(person.Language, Goods["ru"]);
                input.Description = goods[random.Next(goods.Length)];
                input.Items = 1 + random.Next(10);
                break;
        }
        return input;
    }

    /// <summary>A sum of about <paramref name="dollars"/> as a person would pledge it in their own currency: two significant figures.</summary>
    private decimal InCurrency(decimal dollars, string currency)
    {
        // Per ten thousand units: a rate rounded to cents would lose the rouble and the som.
        var dollarsPerUnit = (rates.ToUsd(10_000m, currency, clock.GetUtcNow()) ?? 10_000m) / 10_000m;
        var amount = dollars / dollarsPerUnit;
        var step = (decimal)Math.Pow(10, Math.Max(0, Math.Floor(Math.Log10((double)amount)) - 1));
        return Math.Max(1, Math.Round(amount / step) * step);
    }
}
