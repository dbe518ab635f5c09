using Dapper;

namespace CampaignEngine.Web.Features.Auth;

/// <summary>
/// A condition of an <see cref="AccessScope"/> to append to a query's WHERE, and the values it names. The SQL holds
/// only column names the calling query chose and <c>@scope…</c> parameters: a user's region, organisation or modules
/// travel as parameter values, never as text of the statement.
/// </summary>
internal sealed record ScopeCondition(string Sql, object? Values)
{
    public static ScopeCondition All { get; } = new("1 = 1", null);

    public static ScopeCondition Nothing { get; } = new("1 = 0", null);

    /// <summary>The query's own <paramref name="parameters"/> (an anonymous object or null) with the scope's values.</summary>
    public DynamicParameters With(object? parameters = null)
    {
        var all = new DynamicParameters(parameters);
        if (Values is not null) all.AddDynamicParams(Values);
        return all;
    }
}
