using CampaignEngine.Web.Features.Compatriots.Import;
using CampaignEngine.Web.Features.Demo;
using CampaignEngine.Web.Tests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;

namespace CampaignEngine.Web.Tests.Demo;

public sealed class DemoWriteTestsOnSqlite() : DemoWriteTests(TestHost.Sqlite);

public sealed class DemoWriteTestsOnPostgreSql() : DemoWriteTests(TestHost.PostgreSql);

/// <summary>The first start's demo registry goes through the directory's own writer; its speed is the bench's to measure.</summary>
public abstract class DemoWriteTests(string engine) : IDisposable
{
    private readonly TestHost _host = new(engine);

    [SkippableFact]
    public void Generating_and_writing_6000_compatriots_writes_them_all()
    {
        _host.CreateClient();
        var writer = _host.Services.GetRequiredService<CompatriotWriter>();

        var people = DemoGenerator.Generate(6000, 2021, 2026);

        Assert.Equal(6000, writer.Write(people.Select((p, i) => (i + 2, p)).ToList(), "demo").Imported);
    }

    public void Dispose()

    {

        _host.Dispose();

        GC.SuppressFinalize(this);

    }
}
