using Xunit;

namespace CampaignEngine.TestSupport;

/// <summary>
/// Golden files: the approved output is committed next to the tests. A difference (or a missing approved file) writes
/// <c>*.received.txt</c> beside it and fails; approving means renaming it (Verify is not served).
/// </summary>
public static class Approvals
{
    public static void Verify(string folder, string relativeName, string actual)
    {
        var approved = Path.Combine(folder, relativeName + ".approved.txt");
        var received = Path.Combine(folder, relativeName + ".received.txt");
        actual = actual.Replace("\r\n", "\n");
        if (File.Exists(approved) && File.ReadAllText(approved).Replace("\r\n", "\n") == actual)
        {
            if (File.Exists(received)) File.Delete(received);
            return;
        }
        Directory.CreateDirectory(Path.GetDirectoryName(received)!);
        File.WriteAllText(received, actual);
        Assert.Fail(File.Exists(approved)
            ? $"{relativeName}: output differs from the approved file; compare {received} with {approved} and rename it if the change is intended."
            : $"{relativeName}: no approved file; review {received} and rename it to .approved.txt.");
    }
}
