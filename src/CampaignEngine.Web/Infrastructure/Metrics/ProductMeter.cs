using System.Diagnostics.Metrics;

namespace CampaignEngine.Web.Infrastructure.Metrics;

/// <summary>
/// The product's one meter, made by the host's meter factory: each host (the tests run many in one process) has its
/// own, so that one host's figures never show on another's <c>/metrics</c>. Features create their instruments on it.
/// </summary>
internal sealed class ProductMeter(IMeterFactory factory)
{
    public Meter Meter { get; } = factory.Create("CampaignEngine");
}

/// <summary>
/// A feature's instruments. Registered as this interface too, so that the exposition creates every source before
/// its first scrape: an observable gauge exists only once its owner has been made.
/// </summary>
internal interface IMetricSource;

internal static class MetricsSetup
{
    public static IServiceCollection AddMetricSource<T>(this IServiceCollection services) where T : class, IMetricSource
    {
        services.AddSingleton<T>();
        services.AddSingleton<IMetricSource>(provider => provider.GetRequiredService<T>());
        return services;
    }

    public static IServiceCollection AddProductMetrics(this IServiceCollection services)
    {
        services.AddMetrics();
        services.AddSingleton<ProductMeter>();
        services.AddSingleton<PrometheusExposition>();
        return services;
    }
}
