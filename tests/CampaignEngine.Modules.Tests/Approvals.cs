namespace CampaignEngine.Modules.Tests;

/// <summary>The modules' golden files, under this project's <c>Approved/</c> (<see cref="TestSupport.Approvals"/>).</summary>
public static class Approvals
{
    public static void Verify(string relativeName, string actual) => TestSupport.Approvals.Verify(RepositoryPaths.Approved, relativeName, actual);
}
