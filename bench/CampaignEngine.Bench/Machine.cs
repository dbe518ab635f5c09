using System.Globalization;
using System.Runtime.InteropServices;

namespace CampaignEngine.Bench;

/// <summary>What the numbers were measured on; a shared machine's load is part of the result.</summary>
internal static class Machine
{
    public static string Cores => Environment.ProcessorCount.ToString(CultureInfo.InvariantCulture);

    public static string Memory
    {
        get
        {
            var total = ProcStatus("/proc/meminfo", "MemTotal");
            return total is { } kb ? $"{kb / 1024.0 / 1024.0:0.0} GB" : $"{GC.GetGCMemoryInfo().TotalAvailableMemoryBytes / 1024.0 / 1024 / 1024:0.0} GB";
        }
    }

    public static string Os => RuntimeInformation.OSDescription;
    public static string Runtime => RuntimeInformation.FrameworkDescription;

    public static string LoadAverage => File.Exists("/proc/loadavg")
        ? string.Join(' ', File.ReadAllText("/proc/loadavg").Split(' ').Take(3))
        : "n/a";

    /// <summary>A "Name:   1234 kB" value from a /proc status file, in kB; null off Linux.</summary>
    public static long? ProcStatus(string file, string name)
    {
        if (!File.Exists(file)) return null;
        foreach (var line in File.ReadLines(file))
            if (line.StartsWith(name + ":", StringComparison.Ordinal))
                return long.Parse(line[(name.Length + 1)..].Trim().Split(' ')[0], CultureInfo.InvariantCulture);
        return null;
    }
}
