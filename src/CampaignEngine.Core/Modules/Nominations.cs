namespace CampaignEngine.Core.Modules;

/// <summary>Ready-made behaviour modules can register.</summary>
public static class Nominations
{
    /// <summary>
    /// When a pledge of a native of one of <paramref name="regions"/> is fulfilled at or above
    /// <paramref name="usd"/>, nominates the donor for a certificate of <paramref name="kind"/>, for the reason the host
    /// wrote for the holder (what was given, to what, and when), in every language.
    /// </summary>
    public static Func<PledgeFulfilled, IModuleContext, Task> WhenFulfilledAbove(
        string moduleId, IReadOnlyList<string> regions, decimal usd, string kind = "gratitude") =>
        (fulfilled, context) =>
            fulfilled.FulfilledUsd >= usd && fulfilled.HomeRegion is { } region && regions.Contains(region)
                ? context.NominateForCertificateAsync(new CertificateNomination(
                    fulfilled.CompatriotId, moduleId, kind, fulfilled.Reason.In(fulfilled.Language), fulfilled.Reason))
                : Task.CompletedTask;
}
