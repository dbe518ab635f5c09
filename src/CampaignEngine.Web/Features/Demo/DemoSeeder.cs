using System.Diagnostics;
using System.Security.Cryptography;
using CampaignEngine.Core.Modules;
using CampaignEngine.Core.Reference;
using CampaignEngine.Web.Features.Auth;
using CampaignEngine.Web.Features.Compatriots;
using CampaignEngine.Web.Features.Compatriots.Import;
using CampaignEngine.Web.ModuleHost;
using Microsoft.Extensions.Options;

namespace CampaignEngine.Web.Features.Demo;

/// <summary>
/// On a first start with an empty directory, fills it with the demo registry and creates one demo user per
/// role, and an oblast administration per region with its own module; those users then post the demo's projects,
/// record its pledges (<see cref="DemoContributions"/>) and take the desk's first questions (<see cref="DemoDesk"/>).
/// Hosted services start before the server listens, so the data is there before the first request.
/// Passwords go to the console only, as the admin's do, never to the log.
/// </summary>
internal sealed class DemoSeeder(
    IOptions<DemoOptions> options, CompatriotQueries compatriots, OrganizationStore organizations, CompatriotWriter writer,
    UserStore users, ModuleRegistry modules, DemoContributions contributions, DemoDesk desk, TimeProvider clock, ILogger<DemoSeeder> logger) : IHostedService
{
    public async Task StartAsync(CancellationToken cancellationToken)
    {
        var demo = options.Value;
        if (!demo.Enabled || compatriots.AnyCompatriots()) return;
        var watch = Stopwatch.StartNew();
        var cpu = Process.GetCurrentProcess().TotalProcessorTime;
        foreach (var organization in DemoOrganizations.All)
            if (organizations.FindByName(organization.Name) is null)
                organizations.Create(organization.Name, organization.Country, organization.City, organization.Kind);

        var people = DemoGenerator.Generate(demo.Compatriots, demo.Seed, clock.GetUtcNow().Year);
        var generated = watch.ElapsedMilliseconds;
        var result = writer.Write(people.Select((p, i) => (i + 1, p)).ToList(), "demo");
        // CPU time beside wall time: on a busy machine the wall time says little about the work done.
        logger.LogInformation("Demo directory: {Count} compatriots generated in {Generated} ms, written in {Written} ms ({Cpu} ms CPU)",
            result.Imported + result.Updated, generated, watch.ElapsedMilliseconds - generated,
            (long)(Process.GetCurrentProcess().TotalProcessorTime - cpu).TotalMilliseconds);

        var leaderOrganization = organizations.FindByName(DemoOrganizations.NarynFund)!.Id;
        var created = new List<(CurrentUser User, string Password)>();
        foreach (var (login, role, region, organization) in DemoUsers(leaderOrganization))
        {
            if (users.LoginExists(login)) continue;
            var password = Convert.ToBase64String(RandomNumberGenerator.GetBytes(12)).Replace('+', 'x').Replace('/', 'y');
            var id = users.Create(new NewUser(login, password, role, region, organization));
            created.Add((new CurrentUser(id, login, role, region, organization), password));
        }
        if (Staff(created.Select(c => c.User).ToList()) is { } staff)
        {
            var posted = await contributions.SeedAsync(staff, demo.Seed);
            var asked = desk.Seed(staff);
            logger.LogInformation("Demo contributions: {Projects} projects, {Pledges} pledges; {Questions} questions on the desk",
                posted.Projects, posted.Pledges, asked);
        }
        if (created.Count > 0)
        {
            Console.WriteLine();
            Console.WriteLine($"==== CampaignEngine: demo data ({people.Count} synthetic compatriots) ====");
            foreach (var (user, password) in created)
                Console.WriteLine($"  {user.Role,-8} login: {user.Login,-20} password: {password}");
            Console.WriteLine($"  The leader leads \"{DemoOrganizations.NarynFund}\". These passwords are shown once.");
            Console.WriteLine();
        }
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    /// <summary>The staff who post the demo's projects and record its pledges: only on a first start that made them all.</summary>
    private static DemoStaff? Staff(IReadOnlyList<CurrentUser> created)
    {
        var officer = created.FirstOrDefault(u => u.Role == Roles.Officer);
        var leader = created.FirstOrDefault(u => u.Role == Roles.Leader);
        if (officer is null || leader is null) return null;
        var oblasts = created.Where(u => u is { Role: Roles.Oblast, Region: not null }).ToDictionary(u => u.Region!, StringComparer.Ordinal);
        return new DemoStaff(oblasts, officer, leader);
    }

    /// <summary>
    /// An officer, a leader, and one oblast administration (<c>oblast.&lt;region id&gt;</c>) for every home region that
    /// an enabled regional module speaks for: read from the modules, so a module added as a folder gets its demo user.
    /// </summary>
    private IEnumerable<(string Login, string Role, string? Region, long? Organization)> DemoUsers(long leaderOrganization)
    {
        yield return ("officer", Roles.Officer, null, null);
        foreach (var region in Regions.All.Where(r => modules.HomeOf(r.Code) is { Scope: ModuleScope.Regional }))
            yield return ($"oblast.{region.Id}", Roles.Oblast, region.Code, null);
        yield return ("leader", Roles.Leader, null, leaderOrganization);
    }
}
