using CampaignEngine.Web.Features.Auth;
using CampaignEngine.Web.ModuleHost;
using Dapper;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.Configuration;

namespace CampaignEngine.Web.Tests.Unit;

/// <summary>
/// The one access scope, rule by rule: what each role sees and acts for, and that its SQL conditions select exactly
/// those rows with the user's values passed as parameters. The scope tests of each feature (Security, Reports,
/// Campaigns, Certificates, Compatriots, Pledges) check the same rules through the pages and the API.
/// </summary>
public sealed class AccessScopeTests
{
    private static readonly ModuleRegistry AllModules = Registry();

    private static readonly CurrentUser Officer = new(1, "officer", Roles.Officer, null, null);
    private static readonly CurrentUser Naryn = new(2, "oblast.naryn", Roles.Oblast, "KG-N", null);
    private static readonly CurrentUser RegionlessOblast = new(3, "oblast.none", Roles.Oblast, null, null);
    private static readonly CurrentUser Leader = new(4, "leader", Roles.Leader, null, 7);

    [Fact]
    public void National_staff_see_everyone_and_act_for_every_enabled_module()
    {
        var scope = AccessScope.Of(Officer);

        Assert.True(scope.SeesAll);
        Assert.Equal(AllModules.Enabled.Select(m => m.Manifest.Id), scope.ModulesActedFor(AllModules).Select(m => m.Id));
        Assert.True(scope.Covers("KG-Y"));
        Assert.Null(scope.PeopleRegion);
        Assert.Null(scope.NarrowedRegion);
    }

    [Fact]
    public void An_oblast_acts_for_its_regions_modules_only_never_the_national_one()
    {
        var scope = AccessScope.Of(Naryn);

        Assert.Equal(["naryn"], scope.ModulesActedFor(AllModules).Select(m => m.Id));
        Assert.False(scope.MayActFor("national", AllModules));
        Assert.False(scope.MayActFor("issyk-kul", AllModules));
        Assert.True(scope.Covers("KG-N"));
        Assert.False(scope.Covers("KG-Y"));
        Assert.False(scope.Covers(null));
        Assert.Equal("KG-N", scope.PeopleRegion);
        Assert.Equal("KG-N", scope.NarrowedRegion);
    }

    [Fact]
    public void A_leader_sees_their_organisation_and_acts_for_no_module()
    {
        var scope = AccessScope.Of(Leader);

        Assert.Empty(scope.ModulesActedFor(AllModules));
        Assert.False(scope.Covers("KG-N"));
        Assert.Equal(7, scope.OrganizationId);
        Assert.NotNull(scope.PeopleRegion);
        Assert.Null(scope.NarrowedRegion);
    }

    [Fact]
    public void A_disabled_module_is_acted_for_by_no_one()
    {
        var onlyNaryn = Registry("naryn");

        Assert.False(AccessScope.Of(Officer).MayActFor("talas", onlyNaryn));
        Assert.False(AccessScope.Of(Officer).MayActFor(onlyNaryn.Find("talas")));
        Assert.True(AccessScope.Of(Naryn).MayActFor("naryn", onlyNaryn));
    }

    [Theory]
    [InlineData("officer", new[] { 1L, 2L, 3L })]
    [InlineData("naryn", new[] { 1L })]
    [InlineData("leader", new[] { 1L, 3L })]
    [InlineData("regionless", new long[0])]
    public void The_people_condition_selects_exactly_the_people_in_scope(string who, long[] seen)
    {
        var scope = AccessScope.Of(UserNamed(who)).ForPeople("home_region", "organization_id");

        Assert.Equal(seen, Ids($"SELECT id FROM person WHERE {scope.Sql} ORDER BY id", scope));
    }

    [Theory]
    [InlineData("officer", new[] { 10L, 11L, 12L })]
    [InlineData("naryn", new[] { 10L })]
    [InlineData("leader", new[] { 10L, 12L })]
    public void The_condition_by_person_id_finds_a_leaders_members_in_the_directory(string who, long[] seen)
    {
        var scope = AccessScope.Of(UserNamed(who)).ForPeopleById("p.home_region", "p.compatriot_id");

        Assert.Equal(seen, Ids($"SELECT p.id FROM pledge p WHERE {scope.Sql} ORDER BY p.id", scope));
    }

    [Theory]
    [InlineData("officer", new[] { 1L, 2L, 3L })]
    [InlineData("naryn", new[] { 1L })]
    [InlineData("leader", new long[0])]
    public void The_region_condition_shows_a_leader_nothing(string who, long[] seen)
    {
        var scope = AccessScope.Of(UserNamed(who)).ForRegion("home_region");

        Assert.Equal(seen, Ids($"SELECT id FROM person WHERE {scope.Sql} ORDER BY id", scope));
    }

    [Fact]
    public void National_staff_see_the_campaigns_of_a_disabled_module_and_an_oblast_those_of_its_enabled_modules()
    {
        var onlyNaryn = Registry("naryn");
        var national = AccessScope.Of(Officer).ForModules("module_id", onlyNaryn);
        var naryn = AccessScope.Of(Naryn).ForModules("module_id", onlyNaryn);
        var leader = AccessScope.Of(Leader).ForModules("module_id", onlyNaryn);

        Assert.Equal([20L, 21L], Ids($"SELECT id FROM campaign WHERE {national.Sql} ORDER BY id", national));
        Assert.Equal([20L], Ids($"SELECT id FROM campaign WHERE {naryn.Sql} ORDER BY id", naryn));
        Assert.Empty(Ids($"SELECT id FROM campaign WHERE {leader.Sql} ORDER BY id", leader));
    }

    [Fact]
    public void The_users_values_travel_as_parameters_never_as_text_of_the_statement()
    {
        var odd = new CurrentUser(5, "odd", Roles.Oblast, "KG-N' OR '1' = '1", null);

        var scope = AccessScope.Of(odd).ForPeople("home_region", "organization_id");

        Assert.DoesNotContain("KG-N", scope.Sql, StringComparison.Ordinal);
        Assert.Empty(Ids($"SELECT id FROM person WHERE {scope.Sql}", scope));
    }

    [Fact]
    public void The_query_keeps_its_own_parameters_beside_the_scopes()
    {
        var scope = AccessScope.Of(Naryn).ForPeople("home_region", "organization_id");

        Assert.Equal([1L], Ids($"SELECT id FROM person WHERE id = @id AND {scope.Sql}", scope, new { id = 1L }));
        Assert.Empty(Ids($"SELECT id FROM person WHERE id = @id AND {scope.Sql}", scope, new { id = 2L }));
    }

    private static CurrentUser UserNamed(string who) => who switch
    {
        "officer" => Officer,
        "naryn" => Naryn,
        "leader" => Leader,
        _ => RegionlessOblast,
    };

    private static List<long> Ids(string sql, ScopeCondition scope, object? parameters = null)
    {
        using var connection = new SqliteConnection("Data Source=:memory:");
        connection.Open();
        connection.Execute("""
            CREATE TABLE person (id INTEGER PRIMARY KEY, home_region TEXT, organization_id INTEGER);
            INSERT INTO person VALUES (1, 'KG-N', 7), (2, 'KG-Y', NULL), (3, NULL, 7);
            CREATE TABLE directory_compatriot (id INTEGER PRIMARY KEY, organization_id INTEGER);
            INSERT INTO directory_compatriot VALUES (1, 7), (2, NULL), (3, 7);
            CREATE TABLE pledge (id INTEGER PRIMARY KEY, compatriot_id INTEGER, home_region TEXT);
            INSERT INTO pledge VALUES (10, 1, 'KG-N'), (11, 2, 'KG-Y'), (12, 3, NULL);
            CREATE TABLE campaign (id INTEGER PRIMARY KEY, module_id TEXT);
            INSERT INTO campaign VALUES (20, 'naryn'), (21, 'talas');
            """);
        return connection.Query<long>(sql, scope.With(parameters)).ToList();
    }

    private static ModuleRegistry Registry(params string[] enabled) => new(new ConfigurationBuilder()
        .AddInMemoryCollection(enabled.Select((id, i) => new KeyValuePair<string, string?>($"Modules:Enabled:{i}", id)))
        .Build());
}
