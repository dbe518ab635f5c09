using System.Diagnostics.CodeAnalysis;
using CampaignEngine.Core.Modules;
using CampaignEngine.Web.ModuleHost;

namespace CampaignEngine.Web.Features.Auth;

/// <summary>
/// Who may see what and act for which module, written once for every feature. National staff (admin, officer) see
/// everyone and act for every enabled module; an oblast administration sees the natives of its home region and acts for
/// the regional modules of that region (never for the national one, which speaks for the whole country); a diaspora
/// leader sees the members of their organisation and acts for no module; anyone else sees nobody.
/// <para>
/// The scope is computed from the signed-in user alone (<see cref="Of"/>), so a static query, a controller and a
/// background job acting for a stored user all build the same one without a service; the module checks take the
/// manifest, or the registry of enabled modules, they are about. Queries append its conditions (<see cref="ForPeople"/>
/// and its siblings) instead of branching on roles, so a query is scoped in SQL, never after it.
/// </para>
/// <para>
/// It lives in Auth, next to <see cref="CurrentUser"/>: Auth is the one feature every other already depends on and it
/// depends on none of them, so every feature may use the scope without a cycle (<c>Features/Shared</c>, the pages' base
/// classes, itself builds on Auth).
/// </para>
/// </summary>
internal sealed record AccessScope
{
    // The region of a region-only view for someone bound to no region: nobody lives there.
    private const string NoRegion = "-";

    private AccessScope(bool seesAll, bool isRegional, string? region, long? organizationId) =>
        (SeesAll, IsRegional, Region, OrganizationId) = (seesAll, isRegional, region, organizationId);

    /// <summary>The scope of national staff, also used by the host's own work that acts for no user.</summary>
    public static AccessScope Everything { get; } = new(seesAll: true, isRegional: false, region: null, organizationId: null);

    public static AccessScope Of(CurrentUser user) => user.Role switch
    {
        _ when user.IsNational => Everything,
        Roles.Oblast => new(seesAll: false, isRegional: true, user.Region, organizationId: null),
        Roles.Leader => new(seesAll: false, isRegional: false, region: null, user.OrganizationId),
        _ => new(seesAll: false, isRegional: false, region: null, organizationId: null),
    };

    /// <summary>National staff: every person, region, organisation and enabled module.</summary>
    public bool SeesAll { get; }

    /// <summary>An oblast administration: bound to one home region (<see cref="Region"/>, missing only on a broken account).</summary>
    public bool IsRegional { get; }

    /// <summary>The home region an oblast administration covers; null for everyone else.</summary>
    public string? Region { get; }

    /// <summary>The organisation a diaspora leader works for; null for everyone else.</summary>
    public long? OrganizationId { get; }

    /// <summary>
    /// The home region a region-only view of people (certificates and nominations, campaign audiences) is limited to:
    /// null for national staff (no limit), the oblast's region, and for anyone else a region nobody lives in.
    /// </summary>
    public string? PeopleRegion => SeesAll ? null : Region ?? NoRegion;

    /// <summary>
    /// The region an oblast administration's lists of places (projects) are narrowed to: its own, or one nobody lives in
    /// on an account without one; null for everyone else, whose lists are not narrowed by region.
    /// </summary>
    public string? NarrowedRegion => IsRegional ? Region ?? NoRegion : null;

    /// <summary>Whether the user's view reaches the people, projects or offers of <paramref name="homeRegion"/>.</summary>
    public bool Covers(string? homeRegion) => SeesAll || (Region is not null && Region == homeRegion);

    /// <summary>
    /// Whether the user acts for <paramref name="module"/> (an enabled one: pass <see cref="ModuleRegistry.Find"/>'s
    /// answer, null for an unknown or disabled module): starts its campaigns, edits its templates, issues its certificates.
    /// </summary>
    public bool MayActFor([NotNullWhen(true)] ModuleManifest? module) =>
        module is not null && (SeesAll || (Region is { } region && module.Scope == ModuleScope.Regional && module.Regions.Contains(region)));

    /// <summary>Whether the user acts for the module of this id, which must be enabled (a stored row's module may not be).</summary>
    public bool MayActFor(string moduleId, ModuleRegistry modules) => MayActFor(modules.Find(moduleId));

    /// <summary>The enabled modules the user acts for, in the registry's order.</summary>
    public IReadOnlyList<ModuleManifest> ModulesActedFor(ModuleRegistry modules) =>
        modules.Enabled.Select(m => m.Manifest).Where(MayActFor).ToList();

    /// <summary>
    /// The condition on rows of the directory (or its search terms): <paramref name="homeRegionColumn"/> and
    /// <paramref name="organizationIdColumn"/> are the person's own columns.
    /// </summary>
    public ScopeCondition ForPeople(string homeRegionColumn, string organizationIdColumn) =>
        Condition(homeRegionColumn, $"{organizationIdColumn} = @scopeOrganization");

    /// <summary>
    /// <see cref="ForPeople"/>'s rule on a person's values held in memory (the directory list's columns): the same
    /// people, without SQL.
    /// </summary>
    public bool Reaches(string? homeRegion, long? organizationId) =>
        SeesAll || (Region is { } region ? region == homeRegion : OrganizationId is { } organization && organization == organizationId);

    /// <summary>
    /// The condition on rows about a person held elsewhere (a pledge, a sent message): <paramref name="homeRegionColumn"/>
    /// is the row's home region (a pledge keeps its own snapshot), and a leader's members are found by
    /// <paramref name="compatriotIdColumn"/> in the directory.
    /// </summary>
    public ScopeCondition ForPeopleById(string homeRegionColumn, string compatriotIdColumn) =>
        Condition(homeRegionColumn, $"{compatriotIdColumn} IN (SELECT id FROM directory_compatriot WHERE organization_id = @scopeOrganization)");

    /// <summary>The condition on rows of a region (a project's offers): an oblast its own, a leader none.</summary>
    public ScopeCondition ForRegion(string regionColumn) => Condition(regionColumn, organizationCondition: null);

    /// <summary>
    /// The condition on rows of a module (campaigns): national staff see every module's, a since disabled one's too (its
    /// history stays theirs); others those of the modules they act for.
    /// </summary>
    public ScopeCondition ForModules(string moduleIdColumn, ModuleRegistry modules) => SeesAll
        ? ScopeCondition.All
        : new($"{moduleIdColumn} IN {ModuleList(modules)}", null);

    /// <summary>
    /// The condition on the responses desk's threads: national staff see all; an oblast administration the threads of
    /// its region's natives and those its modules own; a leader only the threads addressed to their organisation (a
    /// member's question to the state is private); anyone else none. <paramref name="threadAlias"/> names a row shaped
    /// like a thread — <c>response_thread</c>, or the desk's counts and figures kept per thread (<c>response_thread_count</c>,
    /// <c>response_stat</c>) — whose own <c>home_region</c>, <c>module_id</c> and <c>organization_id</c> it reads: the
    /// thread keeps its person's home region current (migration 0040), so no query joins the directory to scope threads.
    /// </summary>
    public ScopeCondition ForThreads(string threadAlias, ModuleRegistry modules)
    {
        if (SeesAll) return ScopeCondition.All;
        if (IsRegional)
            return new($"({threadAlias}.home_region = @scopeRegion OR {threadAlias}.module_id IN {ModuleList(modules)})",
                new { scopeRegion = Region ?? NoRegion });
        return OrganizationId is { } organization
            ? new($"{threadAlias}.organization_id = @scopeOrganization", new { scopeOrganization = organization })
            : ScopeCondition.Nothing;
    }

    /// <summary>
    /// The modules the user acts for as a list of SQL literals, <c>('kg-naryn', …)</c>, read alike by both engines:
    /// Dapper sends a list parameter to PostgreSQL as one array, where <c>IN @list</c> does not read (ADR 0012). A
    /// module's id is checked against the manifest schema's pattern (lower-case letters, digits and dashes) when it loads.
    /// </summary>
    private string ModuleList(ModuleRegistry modules)
    {
        var ids = ModulesActedFor(modules).Select(m => m.Id).ToList();
        if (ids.Any(id => !id.All(c => c is (>= 'a' and <= 'z') or (>= '0' and <= '9') or '-')))
            throw new InvalidOperationException("A module id outside the manifest schema's pattern reached a scope condition.");
        // An empty list matches nothing, as Dapper's expansion of an empty list does.
        return ids.Count == 0 ? "(NULL)" : "(" + string.Join(", ", ids.Select(id => "'" + id + "'")) + ")";
    }

    private ScopeCondition Condition(string homeRegionColumn, string? organizationCondition)
    {
        if (SeesAll) return ScopeCondition.All;
        if (Region is { } region) return new($"{homeRegionColumn} = @scopeRegion", new { scopeRegion = region });
        if (OrganizationId is { } organization && organizationCondition is not null)
            return new(organizationCondition, new { scopeOrganization = organization });
        // A user without a usable scope sees nobody rather than everybody.
        return ScopeCondition.Nothing;
    }
}
