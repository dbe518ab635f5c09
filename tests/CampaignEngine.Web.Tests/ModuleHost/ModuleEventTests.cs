using System.Collections.Concurrent;
using System.Net;
using CampaignEngine.Core.Modules;
using CampaignEngine.Web.ModuleHost;
using CampaignEngine.Web.Tests.Certificates;
using CampaignEngine.Web.Tests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;

namespace CampaignEngine.Web.Tests.ModuleHost;

public sealed class ModuleEventTestsOnSqlite() : ModuleEventTests(TestHost.Sqlite);

public sealed class ModuleEventTestsOnPostgreSql() : ModuleEventTests(TestHost.PostgreSql);

/// <summary>
/// Module handlers run in jobs after the action that raised their event, one job per module: a module whose handler
/// throws is retried alone and stops neither another module nor the request; a job run again nominates nobody twice.
/// The host here has two test modules beside the catalogue's: one whose handler always fails, then one that listens.
/// </summary>
public abstract class ModuleEventTests : IDisposable
{
    private readonly ConcurrentQueue<PledgeRecorded> _heard = new();
    private readonly TestHost _host;

    protected ModuleEventTests(string engine)
    {
        _host = TestModuleHosts.With(engine,
            TestModuleHosts.Loaded("failing", new TestModule((_, _) => throw new InvalidOperationException("the module's own bug"))),
            TestModuleHosts.Loaded("listening", new TestModule((recorded, _) =>
            {
                _heard.Enqueue(recorded);
                return Task.CompletedTask;
            })));
    }

    [SkippableFact]
    public async Task A_recorded_pledge_reaches_a_module_handler_in_a_job_while_a_failing_module_stops_neither_it_nor_the_request()
    {
        var donor = TestCompatriots.Insert(_host, new("Айбек Осмонов", "male", "KG-Y", "AE"));

        var pledge = (long)(await _host.AdminClient().PostJson("/api/pledges", new { compatriotId = donor, kind = "money", amount = 600, currency = "USD" }, HttpStatusCode.Created))["id"]!;

        await Eventually.True(() => Task.FromResult(_heard.Any(e => e.PledgeId == pledge)));
        var heard = Assert.Single(_heard);
        Assert.Equal((donor, "KG-Y", "money", 600m), (heard.CompatriotId, heard.HomeRegion, heard.Kind, heard.AmountUsd));
        // The failing module's delivery was tried, and waits for Hangfire's retry.
        await Eventually.True(() => Task.FromResult(TestCompatriots.Scalar(_host,
            "SELECT COUNT(*) FROM module_event WHERE module_id = 'failing' AND idempotency_key = @key AND attempts >= 1 AND handled_at IS NULL",
            new { key = heard.IdempotencyKey }) == 1));
    }

    [SkippableFact]
    public async Task A_fulfilment_delivery_run_again_nominates_the_donor_once()
    {
        var donor = CertificateTestData.InsertCompatriot(_host, "Бермет Алиева", homeRegion: "KG-Y");
        await _host.RaiseAndWaitAsync(NominationTests.Fulfilled(7, donor, "KG-Y", 600m));
        var delivery = TestCompatriots.Scalar(_host, "SELECT id FROM module_event WHERE module_id = 'issyk-kul' AND idempotency_key = 'pledge/7'");
        // As if the host stopped after the handler nominated and before the delivery was marked handled.
        TestCompatriots.Scalar(_host, "UPDATE module_event SET handled_at = NULL WHERE id = @delivery", new { delivery });

        var job = ActivatorUtilities.CreateInstance<ModuleEventJob>(_host.Services);
        await job.RunAsync(delivery);
        await job.RunAsync(delivery);

        Assert.Equal(1, TestCompatriots.Scalar(_host, "SELECT COUNT(*) FROM certificate_nomination WHERE compatriot_id = @donor", new { donor }));
        Assert.Equal(2, TestCompatriots.Scalar(_host, "SELECT attempts FROM module_event WHERE id = @delivery AND handled_at IS NOT NULL", new { delivery }));
    }

    public void Dispose()

    {

        _host.Dispose();

        GC.SuppressFinalize(this);

    }

    /// <summary>A module that handles only <see cref="PledgeRecorded"/>, with the given handler.</summary>
    private sealed class TestModule(Func<PledgeRecorded, IModuleContext, Task> onRecorded) : ICampaignModule
    {
        public void Configure(IModuleBuilder module) => module.On(onRecorded);
    }
}
