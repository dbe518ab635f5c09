using System.Net;
using System.Net.Http.Json;
using CampaignEngine.Web.Tests.Certificates;
using CampaignEngine.Web.Tests.Infrastructure;

namespace CampaignEngine.Web.Tests.Modules;

public sealed class DeclarativeNominationTestsOnSqlite() : DeclarativeNominationTests(TestHost.Sqlite);

public sealed class DeclarativeNominationTestsOnPostgreSql() : DeclarativeNominationTests(TestHost.PostgreSql);

/// <summary>
/// Issyk-Kul's and Naryn's nomination rules are declared in their manifests with their thresholds as settings: they run
/// in the module-event jobs with the settings in force when the job runs, so a threshold changed on the settings page
/// changes who is nominated from then on.
/// </summary>
public abstract class DeclarativeNominationTests(string engine) : IDisposable
{
    private readonly TestHost _host = new(engine);

    [SkippableFact]
    public async Task Changing_the_threshold_changes_who_is_nominated_from_then_on()
    {
        var before = CertificateTestData.InsertCompatriot(_host, "Айбек Сыдыков", homeRegion: "KG-Y");
        var belowNew = CertificateTestData.InsertCompatriot(_host, "Бермет Алиева", homeRegion: "KG-Y");
        var aboveNew = CertificateTestData.InsertCompatriot(_host, "Жылдыз Мамытова", homeRegion: "KG-Y");
        await _host.RaiseAndWaitAsync(NominationTests.Fulfilled(9_100_001, before, "KG-Y", 600m));

        var issykKul = _host.ClientWithKey(CertificateTestData.CreateUser(_host, "ik-threshold", "oblast", "KG-Y"));
        var put = await issykKul.PutAsJsonAsync("/api/modules/issyk-kul/settings", new { basedOn = 0, values = new { gratitudeThresholdUsd = 1000 } });
        Assert.Equal(HttpStatusCode.OK, put.StatusCode);
        await _host.RaiseAndWaitAsync(NominationTests.Fulfilled(9_100_002, belowNew, "KG-Y", 600m));
        await _host.RaiseAndWaitAsync(NominationTests.Fulfilled(9_100_003, aboveNew, "KG-Y", 1000m));

        Assert.Equal(1, Nominations(before, "gratitude"));
        Assert.Equal(0, Nominations(belowNew, "gratitude"));
        Assert.Equal(1, Nominations(aboveNew, "gratitude"));
        Assert.Equal(["2026-жылы 1000 USD салым үчүн"], TestCompatriots.Strings(_host, "SELECT reason FROM certificate_nomination WHERE compatriot_id = @aboveNew", new { aboveNew }));
    }

    [SkippableFact]
    public async Task Naryn_proposes_honorary_citizenship_at_its_threshold_for_its_own_natives_only()
    {
        var founder = CertificateTestData.InsertCompatriot(_host, "Нурлан Токтогулов", homeRegion: "KG-N");
        var smaller = CertificateTestData.InsertCompatriot(_host, "Айзада Бекова", homeRegion: "KG-N");
        var issykKulNative = CertificateTestData.InsertCompatriot(_host, "Талант Асанов", homeRegion: "KG-Y");

        await _host.RaiseAndWaitAsync(NominationTests.Fulfilled(9_100_011, founder, "KG-N", 5000m));
        await _host.RaiseAndWaitAsync(NominationTests.Fulfilled(9_100_012, smaller, "KG-N", 4999m));
        await _host.RaiseAndWaitAsync(NominationTests.Fulfilled(9_100_013, issykKulNative, "KG-Y", 6000m));

        Assert.Equal(1, Nominations(founder, "honorary_citizen"));
        Assert.Equal(0, Nominations(smaller, "honorary_citizen"));
        // Issyk-Kul's own rule nominates its native; Naryn's does not reach them.
        Assert.Equal((0, 1), (Nominations(issykKulNative, "honorary_citizen"), Nominations(issykKulNative, "gratitude")));
    }

    public void Dispose()

    {

        _host.Dispose();

        GC.SuppressFinalize(this);

    }

    private long Nominations(long person, string kind) => TestCompatriots.Scalar(_host,
        "SELECT COUNT(*) FROM certificate_nomination WHERE compatriot_id = @person AND kind = @kind", new { person, kind });
}
