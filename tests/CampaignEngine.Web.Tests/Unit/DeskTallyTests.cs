using System.Text;
using CampaignEngine.Web.Features.Responses.Desk;

namespace CampaignEngine.Web.Tests.Unit;

public sealed class DeskTallyTests
{
    // As each engine's driver hands the stored rows over: SQLite's as UTF-8 bytes, PostgreSQL's as strings.
    [Theory]
    [InlineData(1, "utf8")]
    [InlineData(2, "utf8")]
    [InlineData(3, "utf8")]
    [InlineData(1, "strings")]
    [InlineData(2, "strings")]
    [InlineData(3, "strings")]
    public void The_median_of_each_figure_equals_the_middle_of_its_sorted_waits(int seed, string read)
    {
        var random = new Random(seed);
        var tally = new DeskTally();
        var waits = new Dictionary<string, List<int>>(StringComparer.Ordinal);
        for (var group = 0; group < 200; group++)
        {
            var module = $"m{random.Next(3)}";
            // A gender outside the vocabulary (an old row) counts in the totals only.
            var gender = random.Next(3) switch { 0 => "female", 1 => "male", _ => "" };
            var assignee = random.Next(4);
            // Waits cluster in a few hours so that the middle ranks often share an hour, or fall in two.
            var minutes = Enumerable.Range(0, random.Next(0, 6)).Select(_ => random.Next(3) == 0 ? random.Next(50_000) : 600 + random.Next(130)).ToList();
            var histogram = minutes.GroupBy(m => m).ToDictionary(g => g.Key, g => g.Count());
            var json = "{" + string.Join(",", histogram.Select(h => $"\"{h.Key}\":{h.Value}")) + "}";
            var received = minutes.Count + random.Next(3);
            if (read == "utf8") tally.Add(Encoding.UTF8.GetBytes(module), assignee, Encoding.UTF8.GetBytes(gender), received, minutes.Count, 0, Encoding.UTF8.GetBytes(json));
            else tally.Add(module, assignee, gender, received, minutes.Count, 0, json.AsSpan());
            foreach (var key in new[] { module, $"{module}/{gender}", $"a{assignee}", $"a{assignee}/{gender}" })
            {
                if (!waits.TryGetValue(key, out var list)) waits[key] = list = [];
                list.AddRange(minutes);
            }
        }

        foreach (var module in tally.Modules)
        {
            Assert.Equal(Median(waits[module.Key]), module.Total.MedianHoursToFirstAnswer);
            foreach (var (gender, figures) in module.ByGender)
                Assert.Equal(waits.TryGetValue($"{module.Key}/{gender}", out var list) ? Median(list) : null, figures.MedianHoursToFirstAnswer);
        }
        foreach (var assignee in tally.Assignees)
        {
            var key = $"a{assignee.Key ?? 0}";
            Assert.Equal(Median(waits[key]), assignee.Total.MedianHoursToFirstAnswer);
            foreach (var (gender, figures) in assignee.ByGender)
                Assert.Equal(waits.TryGetValue($"{key}/{gender}", out var list) ? Median(list) : null, figures.MedianHoursToFirstAnswer);
        }
    }

    private static double? Median(List<int> waits)
    {
        if (waits.Count == 0) return null;
        var sorted = waits.Order().ToList();
        return Math.Round((sorted[(sorted.Count - 1) / 2] + sorted[sorted.Count / 2]) / 2.0 / 60, 1);
    }
}
