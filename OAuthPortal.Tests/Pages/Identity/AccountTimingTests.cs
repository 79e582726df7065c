using System.Net;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using OAuthPortal.Data;
using OAuthPortal.Tests.Support;

namespace OAuthPortal.Tests.Pages.Identity;

/// <summary>
/// Logging in with a wrong password, and registering, cost an address without an account exactly the password hashing
/// they cost an address with one (one hash either way: the work that dominates the answer's time), so timing does not
/// tell them apart. Counted, not timed: on a shared machine wall-clock times are bimodal and no threshold is both
/// sensitive and stable (two CI runs failed a 20% timing comparison with no real difference), while a count of the
/// hashes fails exactly when a path skips or adds one.
/// </summary>
public sealed class AccountTimingTests
{
    private const int Attempts = 3;

    [Fact]
    public async Task Login_WrongPasswordForAnExistingAndForAnUnknownAddress_HashesThePasswordOnceEach()
    {
        var hashes = new HashCounter();
        using var factory = PortalFactory.With(new Dictionary<string, string?>
        {
            ["Portal:MaxFailedAccessAttempts"] = "1000", ["Portal:MaxFailedAccessAttemptsPerAccount"] = "1000", // count the answers, not the lockout
        }, configureServices: hashes.Install);
        var user = await TestUsers.CreateAsync(factory);
        var client = factory.CreateClient();

        await AssertSameWorkAsync(hashes,
            () => SubmitAsync(client, "/Identity/Account/Login", "form#account", user.Email!, "Wrong-password-1", HttpStatusCode.OK),
            () => SubmitAsync(client, "/Identity/Account/Login", "form#account", Unique.Email("nobody"), "Wrong-password-1", HttpStatusCode.OK));
    }

    [Fact]
    public async Task Register_ATakenAndANewAddress_HashThePasswordOnceEach()
    {
        var hashes = new HashCounter();
        using var factory = PortalFactory.With(new Dictionary<string, string?>(), configureServices: hashes.Install);
        var owner = await TestUsers.CreateAsync(factory);
        var client = factory.CreateClient();

        await AssertSameWorkAsync(hashes,
            () => SubmitAsync(client, "/Identity/Account/Register", "form#registerForm", owner.Email!, TestUsers.Password, HttpStatusCode.Redirect),
            () => SubmitAsync(client, "/Identity/Account/Register", "form#registerForm", Unique.Email("new"), TestUsers.Password, HttpStatusCode.Redirect));
    }

    private static async Task SubmitAsync(HttpClient client, string page, string formSelector, string email, string password, HttpStatusCode expected)
    {
        var (_, document) = await Html.GetPageAsync(client, page);
        var response = await Html.SubmitAsync(client, document.Form(formSelector), new Dictionary<string, string>
        {
            ["Input.Email"] = email, ["Input.Password"] = password, ["Input.ConfirmPassword"] = password,
        });
        Html.AssertStatus(expected, response);
    }

    /// <summary>
    /// Each answer, for an address with an account and for one without, computes exactly one password hash. A warm-up
    /// pair first: the dummy hash the unknown address is checked against is made once per process.
    /// </summary>
    private static async Task AssertSameWorkAsync(HashCounter hashes, Func<Task> existing, Func<Task> unknown)
    {
        await existing();
        await unknown();
        for (var attempt = 0; attempt < Attempts; attempt++)
        {
            Assert.Equal(1, await hashes.CountAsync(existing));
            Assert.Equal(1, await hashes.CountAsync(unknown));
        }
    }

    /// <summary>The portal's password hasher, counting every hash it computes (hashing a new password or verifying one).</summary>
    private sealed class HashCounter
    {
        private int _count;

        public void Install(IServiceCollection services) =>
            services.AddScoped<IPasswordHasher<PortalUser>>(provider =>
                new Counting(new PasswordHasher<PortalUser>(provider.GetService<IOptions<PasswordHasherOptions>>()), this));

        public async Task<int> CountAsync(Func<Task> action)
        {
            var before = Volatile.Read(ref _count);
            await action();
            return Volatile.Read(ref _count) - before;
        }

        private sealed class Counting(IPasswordHasher<PortalUser> inner, HashCounter counter) : IPasswordHasher<PortalUser>
        {
            public string HashPassword(PortalUser user, string password)
            {
                Interlocked.Increment(ref counter._count);
                return inner.HashPassword(user, password);
            }

            public PasswordVerificationResult VerifyHashedPassword(PortalUser user, string hashedPassword, string providedPassword)
            {
                Interlocked.Increment(ref counter._count);
                return inner.VerifyHashedPassword(user, hashedPassword, providedPassword);
            }
        }
    }
}
