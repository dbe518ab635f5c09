using System.Diagnostics;
using System.Runtime.CompilerServices;

namespace CampaignEngine.Bench.Items;

/// <summary>
/// The last lines a started host wrote (standard output and error together), so that a host that dies during a
/// measurement says why, not only its exit code. Older lines are dropped: a host that sends a million logs a lot.
/// </summary>
internal sealed class HostOutput
{
    private const int Kept = 20;
    private static readonly ConditionalWeakTable<Process, HostOutput> Outputs = new();
    private readonly Queue<string> _lines = new();

    /// <summary>Drains both of the process's streams into its kept lines; call once, right after the start.</summary>
    public static void Drain(Process process)
    {
        var output = Outputs.GetValue(process, _ => new HostOutput());
        process.OutputDataReceived += (_, e) => output.Add(e.Data);
        process.ErrorDataReceived += (_, e) => output.Add(e.Data);
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
    }

    /// <summary>Why the process ended, as far as it said: its exit code and its last lines.</summary>
    public static string Ended(Process process)
    {
        // The streams may still be delivering the last lines when the exit is seen.
        process.WaitForExit();
        var said = Outputs.TryGetValue(process, out var output) ? output.Last() : "";
        return $"exited with {process.ExitCode}" + (said.Length == 0 ? " and wrote nothing" : $"; its last output:{Environment.NewLine}{said}");
    }

    private void Add(string? line)
    {
        if (line is null) return;
        lock (_lines)
        {
            _lines.Enqueue(line);
            if (_lines.Count > Kept) _lines.Dequeue();
        }
    }

    private string Last()
    {
        lock (_lines) return string.Join(Environment.NewLine, _lines);
    }
}
