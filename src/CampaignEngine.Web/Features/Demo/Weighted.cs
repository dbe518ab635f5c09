namespace CampaignEngine.Web.Features.Demo;

/// <summary>Draws from a discrete distribution given as (value, weight) pairs; weights need not add up to 100.</summary>
internal sealed class Weighted<T>
{
    private readonly T[] _values;
    private readonly double[] _cumulative;

    public Weighted(params (T Value, double Weight)[] items)
    {
        _values = items.Select(i => i.Value).ToArray();
        _cumulative = new double[items.Length];
        var sum = 0.0;
        for (var i = 0; i < items.Length; i++) _cumulative[i] = sum += items[i].Weight;
    }

    public T Next(Random random)
    {
        var x = random.NextDouble() * _cumulative[^1];
        var i = Array.BinarySearch(_cumulative, x);
        return _values[i < 0 ? Math.Min(~i, _values.Length - 1) : Math.Min(i + 1, _values.Length - 1)];
    }
}
