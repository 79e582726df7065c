using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace OAuthPortal.Data.Configurations;

internal sealed class PushedAuthorizationRequestConfiguration : IEntityTypeConfiguration<PushedAuthorizationRequest>
{
    public void Configure(EntityTypeBuilder<PushedAuthorizationRequest> request)
    {
        request.Property(r => r.RequestUriHash).HasMaxLength(SqlLengths.Sha256).IsRequired();
        request.HasIndex(r => r.RequestUriHash).IsUnique();
        request.Property(r => r.ClientId).HasMaxLength(64).IsUnicode(false);
        request.Property(r => r.Parameters).HasMaxLength(PushedAuthorizationRequest.MaxParametersLength).IsRequired();
        request.HasIndex(r => r.ExpiresAt); // pruning
        request.HasOne(r => r.Client).WithMany().HasForeignKey(r => r.ClientId).OnDelete(DeleteBehavior.Cascade);
    }
}
