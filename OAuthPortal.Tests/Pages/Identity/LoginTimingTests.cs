using System.Diagnostics;
using System.Net;
using OAuthPortal.Tests.Support;

namespace OAuthPortal.Tests.Pages.Identity;

/// <summary>
/// A wrong password takes as long for an address without an account as for one with an account (one password hash
/// either way), so timing does not tell them apart. Runs alone (<see cref="TimingSensitive"/>): it needs the machine.
/// </summary>
[Collection(TimingSensitive.Name)]
public sealed class LoginTimingTests
{
    private const int Attempts = 25;

    private static async Task<TimeSpan> TimeLoginAsync(HttpClient client, string email)
    {
        var (_, page) = await Html.GetPageAsync(client, "/Identity/Account/Login");
        var form = page.Form("form#account");
        var watch = Stopwatch.StartNew();
        var response = await Html.SubmitAsync(client, form, new Dictionary<string, string> { ["Input.Email"] = email, ["Input.Password"] = "Wrong-password-1" });
        watch.Stop();
        Html.AssertStatus(HttpStatusCode.OK, response);
        return watch.Elapsed;
    }

    private static double Median(IEnumerable<TimeSpan> times) => times.Select(t => t.TotalMilliseconds).Order().ElementAt(Attempts / 2);

    [Fact]
    public async Task Login_WrongPasswordForAnExistingAndForAnUnknownAddress_TakeTheSameTimeWithin20Percent()
    {
        using var factory = PortalFactory.With(new Dictionary<string, string?>
        {
            ["Portal:MaxFailedAccessAttempts"] = "1000", ["Portal:MaxFailedAccessAttemptsPerAccount"] = "1000", // time the answers, not the lockout
        });
        var user = await TestUsers.CreateAsync(factory);
        var client = factory.CreateClient();
        for (var warmUp = 0; warmUp < 3; warmUp++)
        {
            await TimeLoginAsync(client, user.Email!);
            await TimeLoginAsync(client, Unique.Email("nobody"));
        }

        var existing = new List<TimeSpan>();
        var unknown = new List<TimeSpan>();
        for (var attempt = 0; attempt < Attempts; attempt++)
        {
            // Interleaved, in alternating order: whatever else slows the machine slows both alike.
            if (attempt % 2 == 0)
            {
                existing.Add(await TimeLoginAsync(client, user.Email!));
                unknown.Add(await TimeLoginAsync(client, Unique.Email("nobody")));
            }
            else
            {
                unknown.Add(await TimeLoginAsync(client, Unique.Email("nobody")));
                existing.Add(await TimeLoginAsync(client, user.Email!));
            }
        }

        // Each pair ran back to back, so the median of the differences within pairs ignores bursts of load that hit only
        // some pairs; it must be within 20% of the median duration.
        var (a, b) = (Median(existing), Median(unknown));
        var difference = Median(existing.Zip(unknown, (e, u) => e - u));
        Assert.True(Math.Abs(difference) <= 0.2 * Math.Max(a, b),
            $"median existing {a:0.0} ms, unknown {b:0.0} ms, median difference within pairs {difference:0.0} ms");
    }
}
