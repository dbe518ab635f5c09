using System.Text.Json;

namespace CampaignEngine.Web.Tests.Infrastructure;

/// <summary>The nodes of a plan as PostgreSQL's <c>EXPLAIN (ANALYZE, FORMAT JSON)</c> gives it, for a test's questions about it.</summary>
internal static class PostgresPlan
{
    /// <summary><paramref name="node"/> and every node below it.</summary>
    public static IEnumerable<JsonElement> Nodes(JsonElement node)
    {
        yield return node;
        if (!node.TryGetProperty("Plans", out var children)) yield break;
        foreach (var child in children.EnumerateArray())
            foreach (var below in Nodes(child)) yield return below;
    }

    /// <summary>A count of the node's, 0 when the node has none (a node removes no rows by a filter it does not have).</summary>
    public static long Number(JsonElement node, string property) => node.TryGetProperty(property, out var value) ? value.GetInt64() : 0;
}
