import { describe, expect, it } from 'vitest';
import { isLinkLocalAddress, isLocalhostName, isNonPublicAddress } from './address-policy.js';

describe('isNonPublicAddress', () => {
  it.each([
    // IPv4 special ranges
    '0.0.0.0', '10.1.2.3', '100.64.0.1', '127.0.0.1', '127.255.255.254', '169.254.169.254', '172.16.0.1', '172.31.255.255',
    '192.0.0.8', '192.0.2.1', '192.168.1.1', '198.18.0.1', '198.51.100.7', '203.0.113.9', '224.0.0.1', '255.255.255.255',
    // IPv6 loopback, unspecified, IPv4-compatible and -mapped forms
    '::', '::1', '[::1]', '::127.0.0.1', '::7f00:1', '::ffff:127.0.0.1', '::ffff:10.0.0.1', '::ffff:7f00:1', '::ffff:0:7f00:1', '::ffff:0:127.0.0.1',
    // NAT64 with a private IPv4 inside, 6to4 and Teredo (both tunnel to IPv4), local-use NAT64
    '64:ff9b::7f00:1', '64:ff9b::127.0.0.1', '64:ff9b::a00:1', '64:ff9b::169.254.169.254', '2002:7f00:1::', '2002:a00:1::1', '2001:0:4136:e378:8000:63bf:3fff:fdd2', '64:ff9b:1::1',
    // other IPv6 special ranges
    'fc00::1', 'fd12:3456::1', 'fe80::1', 'fec0::1', 'ff02::1', '2001:db8::1', '100::1',
    // not an address at all
    'localhost', '', 'example.com',
  ])('%s is not public', (address) => {
    expect(isNonPublicAddress(address)).toBe(true);
  });

  it.each(['93.184.216.34', '8.8.8.8', '1.1.1.1', '172.32.0.1', '192.169.0.1', '2606:4700:4700::1111', '2a00:1450:4001:80b::200e', '64:ff9b::5db8:d822', '64:ff9b::93.184.216.34', '::ffff:93.184.216.34'])(
    '%s is public',
    (address) => {
      expect(isNonPublicAddress(address)).toBe(false);
    },
  );
});

describe('isLinkLocalAddress', () => {
  it.each([
    ['169.254.169.254', true], ['169.254.0.1', true], ['[fe80::1]', true], ['fe80::a:b', true], ['febf::1', true], ['::ffff:169.254.169.254', true], ['::ffff:a9fe:a9fe', true],
    ['64:ff9b::169.254.169.254', true], ['64:ff9b::a9fe:1', true],
    ['::a9fe:a9fe', true], ['::169.254.169.254', true], ['::ffff:0:a9fe:a9fe', true], ['64:ff9b:1::a9fe:a9fe', true], ['2002:a9fe:a9fe::', true], ['fd00:ec2::254', true],
    ['fd00:ec2::253', false], ['2002:a00:1::', false], ['64:ff9b:1::a00:1', false],
    ['169.253.255.255', false], ['169.255.0.1', false], ['10.0.0.1', false], ['127.0.0.1', false], ['fec0::1', false], ['::1', false], ['93.184.216.34', false], ['example.com', false], ['', false],
  ])('%s → %s', (address, want) => {
    expect(isLinkLocalAddress(address)).toBe(want);
  });
});

describe('isLocalhostName', () => {
  it.each([['localhost', true], ['LOCALHOST.', true], ['app.localhost', true], ['localhost.example.com', false], ['example.com', false]])('%s → %s', (name, want) => {
    expect(isLocalhostName(name)).toBe(want);
  });
});
