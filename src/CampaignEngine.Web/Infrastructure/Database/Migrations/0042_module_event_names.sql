-- Module events are stored under their public names (Core's DomainEvents.ByName: pledgeRecorded, responseReceived…),
-- the names a manifest's rules use too, instead of the C# type names the first two events were stored under.
UPDATE module_event SET event = 'pledgeRecorded' WHERE event = 'PledgeRecorded';
UPDATE module_event SET event = 'pledgeFulfilled' WHERE event = 'PledgeFulfilled';
