namespace CampaignEngine.Web.Tests.Infrastructure;

/// <summary>
/// Test classes that run alone (no other class in parallel): those that read a process-wide figure (the GC heap), which
/// neighbours would change, and the heaviest (a 100,000-row import), which would slow every neighbour. Speed itself is
/// not judged here: the bench (bench/CampaignEngine.Bench) measures it beside its limits.
/// </summary>
[CollectionDefinition(Name, DisableParallelization = true)]
public sealed class AloneCollection
{
    public const string Name = "Alone";
}
